package org.gatehouse.lwm2m.model;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The children of a node by id: ascending ids in an int array beside their values, looked up by binary
 * search. Against a TreeMap it saves an entry object and a boxed key per child, and decoders hand
 * children over in id order, so building one is appending. Filled by {@link Nodes} only and never
 * changed once a node holds it; nodes expose it behind {@code Collections.unmodifiableSortedMap},
 * as they do a TreeMap, so that both read and refuse changes alike.
 */
final class IdMap<T> extends AbstractMap<Integer, T> implements SortedMap<Integer, T> {

    private int[] ids;
    private Object[] values;
    private int size;
    // made on the first walk over the entries and kept, so that walking them again allocates no more than
    // a TreeMap's walk; List.of publishes it safely to other threads (final fields), racing builds are alike
    private List<Entry<Integer, T>> entries;

    IdMap(int capacity) {
        ids = new int[Math.max(capacity, 1)];
        values = new Object[ids.length];
    }

    /** Adds {@code value} under {@code id} if {@code id} is above every id held; false (and nothing added) if not. */
    boolean append(int id, T value) {
        if (size > 0 && id <= ids[size - 1]) {
            return false;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        ids[size] = id;
        values[size++] = value;
        entries = null;
        return true;
    }

    /** A copy of a map in natural key order. */
    static <T> IdMap<T> ascending(SortedMap<Integer, ? extends T> sorted) {
        IdMap<T> map = new IdMap<>(sorted.size());
        for (Entry<Integer, ? extends T> e : sorted.entrySet()) {
            if (!map.append(e.getKey(), e.getValue())) {
                throw new IllegalArgumentException("ids out of order: " + e.getKey() + " after " + map.lastKey());
            }
        }
        return map;
    }

    private int indexOf(Object key) {
        if (key instanceof Integer id) {
            return Arrays.binarySearch(ids, 0, size, id);
        }
        // a TreeMap's answers: no null key; a key of another type fails its first comparison, none when empty
        java.util.Objects.requireNonNull(key);
        if (size == 0) {
            return -1;
        }
        throw new ClassCastException(key.getClass().getName() + " cannot be compared with java.lang.Integer");
    }

    @SuppressWarnings("unchecked")
    private T value(int index) {
        return (T) values[index];
    }

    /** The value under {@code id}, or null: {@link #get(Object)} without boxing the id. */
    T get(int id) {
        int i = Arrays.binarySearch(ids, 0, size, id);
        return i < 0 ? null : value(i);
    }

    @Override
    public T get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += ids[i] ^ java.util.Objects.hashCode(values[i]); // Map.Entry's hash
        }
        return h;
    }

    private List<Entry<Integer, T>> entries() {
        List<Entry<Integer, T>> list = entries;
        if (list == null) {
            @SuppressWarnings("unchecked")
            Entry<Integer, T>[] made = new Entry[size];
            for (int i = 0; i < size; i++) {
                made[i] = new SimpleImmutableEntry<>(ids[i], value(i));
            }
            list = List.of(made);
            entries = list;
        }
        return list;
    }

    @Override
    public Set<Entry<Integer, T>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Integer, T>> iterator() {
                return entries().iterator();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<Integer> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Integer> iterator() {
                return new Walk<>() {
                    @Override
                    Integer at(int index) {
                        return ids[index];
                    }
                };
            }

            @Override
            public boolean contains(Object key) {
                return containsKey(key);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Collection<T> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<T> iterator() {
                return new Walk<>() {
                    @Override
                    T at(int index) {
                        return value(index);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public java.util.Comparator<? super Integer> comparator() {
        return null; // natural order, as a TreeMap without a comparator says
    }

    @Override
    public Integer firstKey() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return ids[0];
    }

    @Override
    public Integer lastKey() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return ids[size - 1];
    }

    // ranges are rare (nothing in the gateway asks for one): a TreeMap's, with its checks of the bounds
    @Override
    public SortedMap<Integer, T> subMap(Integer fromKey, Integer toKey) {
        return new TreeMap<>(this).subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<Integer, T> headMap(Integer toKey) {
        return new TreeMap<>(this).headMap(toKey);
    }

    @Override
    public SortedMap<Integer, T> tailMap(Integer fromKey) {
        return new TreeMap<>(this).tailMap(fromKey);
    }

    /** Iterates positions 0 to size - 1, read-only. */
    private abstract class Walk<E> implements Iterator<E> {
        private int next;

        abstract E at(int index);

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public E next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }
}

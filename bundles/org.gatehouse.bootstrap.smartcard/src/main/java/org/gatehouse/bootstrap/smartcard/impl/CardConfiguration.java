package org.gatehouse.bootstrap.smartcard.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.codec.CodecException;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card-derived configuration: applies a card's objects through a bootstrap session (each object
 * the card carries replaces that object's instances, as a factory file does), takes it back when the
 * card changed or went (what it displaced is restored), and keeps the {@link AppliedRecord}. Every
 * change is one session: committed whole after the consistency check, or not at all.
 */
final class CardConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CardConfiguration.class);

    private final Path file;
    private final ContentCodec tlv;
    private final ModelLookup models;
    private volatile Optional<AppliedRecord> record;

    CardConfiguration(Path file, ContentCodec tlv, ModelLookup models) {
        this.file = file;
        this.tlv = tlv;
        this.models = models;
        Optional<AppliedRecord> loaded;
        try {
            loaded = AppliedRecord.load(file);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot read {} ({}): the card configuration in place, if any, is not known as such", file, e.getMessage());
            loaded = Optional.empty();
        }
        record = loaded;
    }

    Optional<AppliedRecord> record() {
        return record;
    }

    /** Whether every instance the applied card wrote is still in {@code tree} (a bootstrap server may have replaced them). */
    boolean inPlace(ObjectTree tree) {
        return record.map(r -> r.instances().stream().allMatch(p -> tree.read(LwM2mPath.parse(p)).isPresent())).orElse(false);
    }

    ModeOutcome apply(BootstrapContext context, CardReading.Raw raw, CardReading.Decoded decoded) {
        String source = "smartcard in " + raw.reader();
        // the store records this writer for every instance the card data wrote
        try (BootstrapSession session = context.openSession("smartcard:" + raw.digest())) {
            record.ifPresent(r -> takeBack(session, r));
            ObjectTree before = session.view();
            Map<Integer, byte[]> displaced = new TreeMap<>();
            for (LwM2mObject o : decoded.objects()) {
                LwM2mObject existing = before.objects().get(o.id());
                if (existing != null && !existing.instances().isEmpty()) {
                    displaced.put(o.id(), tlv.encode(LwM2mPath.of(o.id()), existing, models));
                }
            }
            session.replaceObjects(decoded.objects());
            session.finish();
            AppliedRecord applied = recordOf(raw, decoded.objects(), displaced);
            save(applied);
            String notes = decoded.notes().isEmpty() ? "" : "; " + String.join("; ", decoded.notes());
            return ModeOutcome.configured(decoded.objects().size() + " object(s) from the card in " + raw.reader() + " (data "
                + raw.digest().substring(0, 12) + "…, " + raw.content().data().length + " bytes)" + notes, source);
        } catch (BootstrapException e) {
            return ModeOutcome.failed("card data in " + raw.reader() + " refused, nothing applied: " + String.join("; ", e.problems()), source);
        } catch (CodecException | IllegalStateException e) {
            return ModeOutcome.failed("card data in " + raw.reader() + " not applied: " + e.getMessage(), source);
        }
    }

    /** Takes the card configuration back (card removed, or holding no LwM2M data any more); empty when there is none. */
    Optional<ModeOutcome> withdraw(BootstrapContext context, String why) {
        if (record.isEmpty()) {
            return Optional.empty();
        }
        AppliedRecord r = record.get();
        try (BootstrapSession session = context.openSession("smartcard withdrawal")) {
            takeBack(session, r);
            session.finishWithdrawal();
            AppliedRecord.delete(file);
            record = Optional.empty();
            LOG.info("Card configuration withdrawn ({}): {} removed{}", why, r.instances(), r.displaced().isEmpty() ? ""
                : ", objects " + r.displaced().keySet() + " restored as they were before the card");
            return Optional.of(ModeOutcome.skipped(why + ": the card configuration (" + String.join(", ", r.instances()) + ") was withdrawn"));
        } catch (BootstrapException | IllegalStateException e) {
            String problems = e instanceof BootstrapException b ? String.join("; ", b.problems()) : e.getMessage();
            return Optional.of(ModeOutcome.failed(why + ", but its configuration could not be withdrawn: " + problems, ""));
        } catch (IOException e) {
            return Optional.of(ModeOutcome.failed("card configuration withdrawn, but " + file + " could not be deleted: " + e.getMessage(), ""));
        }
    }

    /** Removes what the card wrote and writes back what it displaced. Unchecked: runs inside a session's try. */
    private void takeBack(BootstrapSession session, AppliedRecord r) {
        try {
            for (String p : r.instances()) {
                session.withdraw(LwM2mPath.parse(p));
            }
            for (Map.Entry<Integer, byte[]> e : r.displaced().entrySet()) {
                LwM2mObject before = (LwM2mObject) tlv.decode(e.getValue(), LwM2mPath.of(e.getKey()), models);
                session.write(LwM2mPath.of(e.getKey()), before);
            }
        } catch (BootstrapException | CodecException e) {
            throw new IllegalStateException("cannot take the previous card configuration back: " + e.getMessage(), e);
        }
    }

    private AppliedRecord recordOf(CardReading.Raw raw, List<LwM2mObject> objects, Map<Integer, byte[]> displaced) {
        List<String> instances = new ArrayList<>();
        List<Integer> ssids = new ArrayList<>();
        boolean bootstrapServer = false;
        for (LwM2mObject o : objects) {
            for (LwM2mObjectInstance i : o.instances().values()) {
                instances.add(LwM2mPath.of(o.id(), i.id()).toString());
                if (o.id() == 0) {
                    boolean bs = i.resource(1) instanceof SingleResource b && b.value().asBoolean();
                    bootstrapServer |= bs;
                    if (!bs && i.resource(10) instanceof SingleResource ssid) {
                        ssids.add((int) ssid.value().asLong());
                    }
                }
            }
        }
        return new AppliedRecord(raw.digest(), raw.reader(), instances, ssids, bootstrapServer, displaced);
    }

    private void save(AppliedRecord applied) {
        record = Optional.of(applied);
        try {
            applied.save(file);
        } catch (IOException e) {
            // kept in memory: the guard still works until a restart
            LOG.error("The card configuration is applied but {} could not be written: {}", file, e.getMessage());
        }
    }
}

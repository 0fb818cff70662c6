package org.gatehouse.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Encode and decode of a whole bootstrap payload (/0, /1, /2), ours and Leshan's, TLV and SenML CBOR. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// SenML decoding takes 8 one-second iterations to reach its compiled speed on two busy cores
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    @Param({"TLV", "SENML_CBOR"})
    public String format;

    private ContentCodec ours;
    private ContentFormat leshanFormat;
    private final List<LwM2mObject> nodes = BootstrapPayload.objects();
    private final List<org.eclipse.leshan.core.node.LwM2mObject> leshanNodes = new ArrayList<>();
    private final List<byte[]> oursBytes = new ArrayList<>();
    private final List<byte[]> leshanBytes = new ArrayList<>();
    private final DefaultLwM2mEncoder leshanEncoder = new DefaultLwM2mEncoder();
    private final DefaultLwM2mDecoder leshanDecoder = new DefaultLwM2mDecoder();
    private final LwM2mModel leshanModel = new StaticModel(ObjectLoader.loadDefault());

    @Setup
    public void setup() throws Exception {
        ours = format.equals("TLV") ? new TlvCodec() : new SenmlCborCodec();
        leshanFormat = format.equals("TLV") ? ContentFormat.TLV : ContentFormat.SENML_CBOR;
        for (int i = 0; i < nodes.size(); i++) {
            leshanNodes.add(LeshanNodes.of(nodes.get(i)));
            oursBytes.add(ours.encode(BootstrapPayload.PATHS.get(i), nodes.get(i), CoreModels.all()));
            leshanBytes.add(leshanEncoder.encode(leshanNodes.get(i), leshanFormat, path(i), leshanModel));
        }
    }

    private static org.eclipse.leshan.core.node.LwM2mPath path(int i) {
        return new org.eclipse.leshan.core.node.LwM2mPath(BootstrapPayload.PATHS.get(i).toString());
    }

    @Benchmark
    public void encode_gatehouse(Blackhole bh) throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            bh.consume(ours.encode(BootstrapPayload.PATHS.get(i), nodes.get(i), CoreModels.all()));
        }
    }

    @Benchmark
    public void encode_leshan(Blackhole bh) throws Exception {
        for (int i = 0; i < leshanNodes.size(); i++) {
            bh.consume(leshanEncoder.encode(leshanNodes.get(i), leshanFormat, path(i), leshanModel));
        }
    }

    @Benchmark
    public void decode_gatehouse(Blackhole bh) throws Exception {
        for (int i = 0; i < oursBytes.size(); i++) {
            bh.consume(ours.decode(oursBytes.get(i), BootstrapPayload.PATHS.get(i), CoreModels.all()));
        }
    }

    @Benchmark
    public void decode_leshan(Blackhole bh) throws Exception {
        for (int i = 0; i < leshanBytes.size(); i++) {
            bh.consume(leshanDecoder.decode(leshanBytes.get(i), leshanFormat, path(i), leshanModel));
        }
    }
}

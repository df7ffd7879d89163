package org.pmlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.topology.internal.JsonTopologyCodec;

/**
 * Boot of a fleet-class host from its JSON file, as {@code --topology} boots it: the codec streams and validates it,
 * the machine enumerates and adds every function (pcieport binding the ports), the firmware attaches and vfio-pci
 * loads. The baseline reads the same file into a Jackson tree and nothing more.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class ScaleBootBenchmark {

    @State(Scope.Benchmark)
    public static class Text {
        @Param({"100000", "1000000"})
        public int functions;

        Path file;
        final JsonTopologyCodec codec = new JsonTopologyCodec();
        final ObjectMapper mapper = new ObjectMapper();
        /** The last machine booted, held until the next iteration so its freeing is not timed. */
        SimMachine last;

        @Setup(Level.Trial)
        public void write() throws IOException {
            file = Files.createTempFile("fleet-", ".json");
            Files.writeString(file, codec.write(Fleet.topology(functions)));
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
        }

        @Setup(Level.Iteration)
        public void drop() {
            last = null;
        }
    }

    @Benchmark
    public SimMachine bootFromJson(Text text) {
        text.last = Fleet.boot(text.codec.read(text.file));
        return text.last;
    }

    @Benchmark
    public Object jacksonTreeOfTheSameJson(Text text) throws IOException {
        return text.mapper.readTree(text.file.toFile());
    }
}

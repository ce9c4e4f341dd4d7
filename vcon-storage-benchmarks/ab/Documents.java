import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes ValidationBench's five documents to a directory (run with the benchmarks module's class
 * path).
 */
public class Documents {
  public static void main(String[] args) throws Exception {
    Method document =
        Class.forName("io.vcon.storage.bench.ValidationBench")
            .getDeclaredMethod("document", String.class);
    document.setAccessible(true);
    Files.createDirectories(Path.of(args[0]));
    for (String size : new String[] {"fixture", "1KB", "100KB", "10MB", "50MB"}) {
      Files.write(Path.of(args[0], size), (byte[]) document.invoke(null, size));
    }
  }
}

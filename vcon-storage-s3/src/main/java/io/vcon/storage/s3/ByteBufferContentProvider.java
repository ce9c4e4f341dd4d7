package io.vcon.storage.s3;

import java.io.InputStream;
import java.nio.ByteBuffer;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Streams a read-only buffer to the SDK without copying it ({@code RequestBody.fromByteBuffer} copies the whole
 * body first). Each stream reads its own duplicate, so the SDK may re-read for signing, checksums and retries.
 */
final class ByteBufferContentProvider implements ContentStreamProvider {

  private final ByteBuffer body;

  ByteBufferContentProvider(ByteBuffer body) {
    this.body = body.asReadOnlyBuffer();
  }

  @Override
  public InputStream newStream() {
    return new BufferStream(body.duplicate());
  }

  @Override
  public String name() {
    return "ByteBuffer";
  }

  private static final class BufferStream extends InputStream {
    private final ByteBuffer buffer;
    private int mark;

    BufferStream(ByteBuffer buffer) {
      this.buffer = buffer;
      this.mark = buffer.position();
    }

    @Override
    public int read() {
      return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!buffer.hasRemaining()) {
        return -1;
      }
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      return n;
    }

    @Override
    public long skip(long n) {
      int k = (int) Math.max(0, Math.min(n, buffer.remaining()));
      buffer.position(buffer.position() + k);
      return k;
    }

    @Override
    public int available() {
      return buffer.remaining();
    }

    @Override
    public boolean markSupported() {
      return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
      mark = buffer.position();
    }

    @Override
    public synchronized void reset() {
      buffer.position(mark);
    }
  }
}

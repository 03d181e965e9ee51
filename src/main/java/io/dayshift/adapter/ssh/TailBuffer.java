package io.dayshift.adapter.ssh;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that keeps the last {@code capacity} bytes written to it (the end of a log is the
 * evidence) and remembers whether anything was dropped. JSch writes to it from its session thread.
 */
final class TailBuffer extends OutputStream {

    private final byte[] ring;
    private long written;

    TailBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    @Override
    public synchronized void write(int b) {
        ring[(int) (written % ring.length)] = (byte) b;
        written++;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written % ring.length)] = bytes[offset + i];
            written++;
        }
    }

    synchronized boolean truncated() {
        return written > ring.length;
    }

    /** The kept bytes as UTF-8; a character cut in half at the start of the tail is dropped. */
    synchronized String text() {
        int kept = (int) Math.min(written, ring.length);
        byte[] tail = new byte[kept];
        int start = (int) ((written - kept) % ring.length);
        for (int i = 0; i < kept; i++) {
            tail[i] = ring[(start + i) % ring.length];
        }
        int from = 0;
        if (truncated()) {
            while (from < tail.length && (tail[from] & 0xC0) == 0x80) {
                from++; // continuation bytes of a character whose start was dropped
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(tail, from, tail.length - from))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with REPLACE", e);
        }
    }
}

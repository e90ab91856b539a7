package io.jnetlink.core.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** A namespace's identity: device and inode of its nsfs file, as stat reports them. */
record NsId(long dev, long ino) {
    /** The identity of the namespace an open descriptor of this process refers to. */
    static NsId ofFd(int fd) {
        NsId id = of(Path.of("/proc/self/fd/" + fd));
        if (id == null) {
            throw new IllegalStateException("descriptor " + fd + " is not open");
        }
        return id;
    }

    /** The identity of what {@code path} refers to (following links), or null if it is gone. */
    static NsId of(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino");
            return new NsId((Long) a.get("dev"), (Long) a.get("ino"));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("stat " + path, e);
        }
    }
}

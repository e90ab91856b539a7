package io.jnetlink.core.netns;

import io.jnetlink.core.AlreadyExistsException;
import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.NoSuchNamespaceException;
import io.jnetlink.core.ffi.Libc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of named namespaces, kept as iproute2 keeps it: {@code /run/netns} is a shared
 * mount, and each name is a file there onto which a namespace is bind-mounted. Everything that
 * touches the file system for a name lives here (checking names, listing, mounting in, unmounting
 * and removing, opening a descriptor); what a handle does with the namespace is
 * {@link NetworkNamespace}'s.
 */
final class NamespaceDirectory {
    /** Where iproute2 keeps named network namespaces. */
    static final Path PATH = Path.of("/run/netns");
    /** Serialises making the directory a shared mount, so two creates never stack two bind mounts. */
    private static final Object SHARED_MOUNT_LOCK = new Object();
    private static final boolean UTF8_FILE_NAMES =
            "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", ""));

    private NamespaceDirectory() {}

    /** The file of a (valid) name. */
    static Path pathOf(String name) {
        return PATH.resolve(name);
    }

    /** See {@link NetworkNamespace#validateName}. */
    static void validateName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("namespace name is null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("namespace name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("namespace name \"" + name + "\" is not allowed");
        }
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("namespace name \"" + name + "\" contains '/'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("namespace name contains control character 0x"
                        + Integer.toHexString(c) + " at index " + i);
            }
        }
        int bytes;
        try {
            // Strict: an unpaired surrogate would otherwise become '?' and name another file.
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(name)).remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("namespace name is not valid Unicode (unpaired surrogate)");
        }
        if (bytes > NetworkNamespace.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("namespace name is " + bytes + " bytes long; at most "
                    + NetworkNamespace.MAX_NAME_LENGTH + " allowed");
        }
        if (bytes != name.length() && !UTF8_FILE_NAMES) {
            // Native calls pass names as UTF-8, java.nio.file in sun.jnu.encoding: they must agree.
            throw new IllegalArgumentException("namespace name \"" + name + "\" is not ASCII and file names "
                    + "are not UTF-8 in this JVM (sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding")
                    + "); use an ASCII name or a UTF-8 locale");
        }
        try {
            PATH.resolve(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("namespace name \"" + name + "\" is not a valid file name: "
                    + e.getMessage());
        }
    }

    /** The names in the directory, sorted: what {@code ip netns list} shows. */
    static List<String> list() {
        if (!Files.isDirectory(PATH)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(PATH)) {
            List<String> names = new ArrayList<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("list " + PATH, e);
        }
    }

    /**
     * Makes the directory a shared mount if it is not yet and creates the empty file a new
     * namespace of {@code name} will be mounted on; the file's existence is what reserves the name.
     *
     * @throws AlreadyExistsException if the name is taken
     */
    static Path reserve(String name, String op) {
        ensureSharedDirectory(op);
        Path path = pathOf(name);
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyExistsException(op, "a namespace named \"" + name + "\" exists already in " + PATH);
        } catch (AccessDeniedException e) {
            throw failure(op, Errno.EACCES.value());
        } catch (IOException e) {
            throw new UncheckedIOException(op + ": cannot create " + path, e);
        }
        return path;
    }

    /** Bind-mounts the calling thread's network namespace onto {@code path} (from {@link #reserve}). */
    static void mountCurrentThreadsNamespace(Path path, String op) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            int rc = Libc.mount(st, a.allocateFrom("/proc/thread-self/ns/net"),
                    a.allocateFrom(path.toString()), a.allocateFrom("none"), Libc.MS_BIND, MemorySegment.NULL);
            if (rc < 0) {
                throw failure(op + ": bind mount to " + path, Libc.errno(st));
            }
        }
    }

    /**
     * Opens a descriptor on the namespace mounted at {@code name}'s file.
     *
     * @throws NoSuchNamespaceException if there is no such file, or it has no namespace mounted
     * @param originalDev the nsfs device of the JVM's own namespace, which every namespace shares
     */
    static int open(String name, String op, long originalDev) {
        Path path = pathOf(name);
        int fd;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            fd = Libc.open(st, a.allocateFrom(path.toString()), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                int err = Libc.errno(st);
                if (err == Errno.ENOENT.value()) {
                    throw noSuchNamespace(name, op);
                }
                throw failure(op, err);
            }
        }
        try {
            if (NsId.ofFd(fd).dev() != originalDev) {
                // A bare file (left by a failed mount) lives on /run's file system, not on nsfs.
                throw new NoSuchNamespaceException(op, path + " exists but is not a mounted network namespace");
            }
            return fd;
        } catch (RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Unmounts and removes {@code name}'s file, as {@code ip netns del} does.
     *
     * @throws NoSuchNamespaceException if there is none of that name
     */
    static void remove(String name, String op) {
        Path path = pathOf(name);
        if (!Files.exists(path)) {
            throw noSuchNamespace(name, op);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.newCallState(a);
            if (Libc.umount2(st, a.allocateFrom(path.toString()), Libc.MNT_DETACH) < 0) {
                int err = Libc.errno(st);
                if (err != Errno.EINVAL.value()) { // EINVAL: not a mount point; remove the file anyway
                    throw failure(op + ": unmount " + path, err);
                }
            }
        }
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            throw noSuchNamespace(name, op);
        } catch (AccessDeniedException e) {
            throw failure(op, Errno.EACCES.value());
        } catch (IOException e) {
            throw new UncheckedIOException(op + ": cannot remove " + path, e);
        }
    }

    /** Best-effort undo of {@link #reserve} and a mount, after a failed create. */
    static void detachAndRemove(Path path) {
        try (Arena a = Arena.ofConfined()) {
            Libc.umount2(Libc.newCallState(a), a.allocateFrom(path.toString()), Libc.MNT_DETACH);
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the original failure is what the caller needs to see
        }
    }

    static NoSuchNamespaceException noSuchNamespace(String name, String op) {
        return new NoSuchNamespaceException(op, "no namespace named \"" + name + "\" in " + PATH);
    }

    static void closeQuietly(int fd) {
        try (Arena a = Arena.ofConfined()) {
            Libc.close(Libc.newCallState(a), fd);
        }
    }

    private static void ensureSharedDirectory(String op) {
        try {
            Files.createDirectories(PATH);
        } catch (AccessDeniedException e) {
            throw failure(op, Errno.EACCES.value());
        } catch (IOException e) {
            throw new UncheckedIOException(op + ": cannot create " + PATH, e);
        }
        // As iproute2: make the directory a shared mount (bind-mounting it onto itself first if it
        // is not a mount point), so namespaces mounted here show up in every mount namespace.
        synchronized (SHARED_MOUNT_LOCK) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment st = Libc.newCallState(a);
                MemorySegment dir = a.allocateFrom(PATH.toString());
                MemorySegment none = a.allocateFrom("none");
                MemorySegment empty = a.allocateFrom("");
                boolean bound = false;
                while (Libc.mount(st, empty, dir, none, Libc.MS_SHARED | Libc.MS_REC, MemorySegment.NULL) < 0) {
                    int err = Libc.errno(st);
                    if (err != Errno.EINVAL.value() || bound) {
                        throw failure(op + ": make " + PATH + " a shared mount", err);
                    }
                    if (Libc.mount(st, dir, dir, none, Libc.MS_BIND | Libc.MS_REC, MemorySegment.NULL) < 0) {
                        throw failure(op + ": bind mount " + PATH + " onto itself", Libc.errno(st));
                    }
                    bound = true;
                }
            }
        }
    }

    /** A failed system call on the directory: EPERM/EACCES as a missing capability. */
    private static NetlinkException failure(String op, int errno) {
        return NamespaceThreads.setnsFailure(op, errno);
    }
}

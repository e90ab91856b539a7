package io.jnetlink.core;

/**
 * Linux errno values with their symbolic names and the C library's messages.
 *
 * <p>Generated from {@code asm-generic/errno-base.h} and {@code asm-generic/errno.h} (the numbers
 * x86-64 and arm64 use). A value the table does not know becomes {@link #UNKNOWN}; the number
 * itself is always kept by {@link NetlinkException#errnoValue()}.
 */
public enum Errno {
    /** 1: Operation not permitted. */
    EPERM(1, "Operation not permitted"),
    /** 2: No such file or directory. */
    ENOENT(2, "No such file or directory"),
    /** 3: No such process. */
    ESRCH(3, "No such process"),
    /** 4: Interrupted system call. */
    EINTR(4, "Interrupted system call"),
    /** 5: I/O error. */
    EIO(5, "I/O error"),
    /** 6: No such device or address. */
    ENXIO(6, "No such device or address"),
    /** 7: Argument list too long. */
    E2BIG(7, "Argument list too long"),
    /** 8: Exec format error. */
    ENOEXEC(8, "Exec format error"),
    /** 9: Bad file number. */
    EBADF(9, "Bad file number"),
    /** 10: No child processes. */
    ECHILD(10, "No child processes"),
    /** 11: Try again. */
    EAGAIN(11, "Try again"),
    /** 12: Out of memory. */
    ENOMEM(12, "Out of memory"),
    /** 13: Permission denied. */
    EACCES(13, "Permission denied"),
    /** 14: Bad address. */
    EFAULT(14, "Bad address"),
    /** 15: Block device required. */
    ENOTBLK(15, "Block device required"),
    /** 16: Device or resource busy. */
    EBUSY(16, "Device or resource busy"),
    /** 17: File exists. */
    EEXIST(17, "File exists"),
    /** 18: Cross-device link. */
    EXDEV(18, "Cross-device link"),
    /** 19: No such device. */
    ENODEV(19, "No such device"),
    /** 20: Not a directory. */
    ENOTDIR(20, "Not a directory"),
    /** 21: Is a directory. */
    EISDIR(21, "Is a directory"),
    /** 22: Invalid argument. */
    EINVAL(22, "Invalid argument"),
    /** 23: File table overflow. */
    ENFILE(23, "File table overflow"),
    /** 24: Too many open files. */
    EMFILE(24, "Too many open files"),
    /** 25: Not a typewriter. */
    ENOTTY(25, "Not a typewriter"),
    /** 26: Text file busy. */
    ETXTBSY(26, "Text file busy"),
    /** 27: File too large. */
    EFBIG(27, "File too large"),
    /** 28: No space left on device. */
    ENOSPC(28, "No space left on device"),
    /** 29: Illegal seek. */
    ESPIPE(29, "Illegal seek"),
    /** 30: Read-only file system. */
    EROFS(30, "Read-only file system"),
    /** 31: Too many links. */
    EMLINK(31, "Too many links"),
    /** 32: Broken pipe. */
    EPIPE(32, "Broken pipe"),
    /** 33: Math argument out of domain of func. */
    EDOM(33, "Math argument out of domain of func"),
    /** 34: Math result not representable. */
    ERANGE(34, "Math result not representable"),
    /** 35: Resource deadlock would occur. */
    EDEADLK(35, "Resource deadlock would occur"),
    /** 36: File name too long. */
    ENAMETOOLONG(36, "File name too long"),
    /** 37: No record locks available. */
    ENOLCK(37, "No record locks available"),
    /** 38: Invalid system call number. */
    ENOSYS(38, "Invalid system call number"),
    /** 39: Directory not empty. */
    ENOTEMPTY(39, "Directory not empty"),
    /** 40: Too many symbolic links encountered. */
    ELOOP(40, "Too many symbolic links encountered"),
    /** 42: No message of desired type. */
    ENOMSG(42, "No message of desired type"),
    /** 43: Identifier removed. */
    EIDRM(43, "Identifier removed"),
    /** 44: Channel number out of range. */
    ECHRNG(44, "Channel number out of range"),
    /** 45: Level 2 not synchronized. */
    EL2NSYNC(45, "Level 2 not synchronized"),
    /** 46: Level 3 halted. */
    EL3HLT(46, "Level 3 halted"),
    /** 47: Level 3 reset. */
    EL3RST(47, "Level 3 reset"),
    /** 48: Link number out of range. */
    ELNRNG(48, "Link number out of range"),
    /** 49: Protocol driver not attached. */
    EUNATCH(49, "Protocol driver not attached"),
    /** 50: No CSI structure available. */
    ENOCSI(50, "No CSI structure available"),
    /** 51: Level 2 halted. */
    EL2HLT(51, "Level 2 halted"),
    /** 52: Invalid exchange. */
    EBADE(52, "Invalid exchange"),
    /** 53: Invalid request descriptor. */
    EBADR(53, "Invalid request descriptor"),
    /** 54: Exchange full. */
    EXFULL(54, "Exchange full"),
    /** 55: No anode. */
    ENOANO(55, "No anode"),
    /** 56: Invalid request code. */
    EBADRQC(56, "Invalid request code"),
    /** 57: Invalid slot. */
    EBADSLT(57, "Invalid slot"),
    /** 59: Bad font file format. */
    EBFONT(59, "Bad font file format"),
    /** 60: Device not a stream. */
    ENOSTR(60, "Device not a stream"),
    /** 61: No data available. */
    ENODATA(61, "No data available"),
    /** 62: Timer expired. */
    ETIME(62, "Timer expired"),
    /** 63: Out of streams resources. */
    ENOSR(63, "Out of streams resources"),
    /** 64: Machine is not on the network. */
    ENONET(64, "Machine is not on the network"),
    /** 65: Package not installed. */
    ENOPKG(65, "Package not installed"),
    /** 66: Object is remote. */
    EREMOTE(66, "Object is remote"),
    /** 67: Link has been severed. */
    ENOLINK(67, "Link has been severed"),
    /** 68: Advertise error. */
    EADV(68, "Advertise error"),
    /** 69: Srmount error. */
    ESRMNT(69, "Srmount error"),
    /** 70: Communication error on send. */
    ECOMM(70, "Communication error on send"),
    /** 71: Protocol error. */
    EPROTO(71, "Protocol error"),
    /** 72: Multihop attempted. */
    EMULTIHOP(72, "Multihop attempted"),
    /** 73: RFS specific error. */
    EDOTDOT(73, "RFS specific error"),
    /** 74: Not a data message. */
    EBADMSG(74, "Not a data message"),
    /** 75: Value too large for defined data type. */
    EOVERFLOW(75, "Value too large for defined data type"),
    /** 76: Name not unique on network. */
    ENOTUNIQ(76, "Name not unique on network"),
    /** 77: File descriptor in bad state. */
    EBADFD(77, "File descriptor in bad state"),
    /** 78: Remote address changed. */
    EREMCHG(78, "Remote address changed"),
    /** 79: Can not access a needed shared library. */
    ELIBACC(79, "Can not access a needed shared library"),
    /** 80: Accessing a corrupted shared library. */
    ELIBBAD(80, "Accessing a corrupted shared library"),
    /** 81: .lib section in a.out corrupted. */
    ELIBSCN(81, ".lib section in a.out corrupted"),
    /** 82: Attempting to link in too many shared libraries. */
    ELIBMAX(82, "Attempting to link in too many shared libraries"),
    /** 83: Cannot exec a shared library directly. */
    ELIBEXEC(83, "Cannot exec a shared library directly"),
    /** 84: Illegal byte sequence. */
    EILSEQ(84, "Illegal byte sequence"),
    /** 85: Interrupted system call should be restarted. */
    ERESTART(85, "Interrupted system call should be restarted"),
    /** 86: Streams pipe error. */
    ESTRPIPE(86, "Streams pipe error"),
    /** 87: Too many users. */
    EUSERS(87, "Too many users"),
    /** 88: Socket operation on non-socket. */
    ENOTSOCK(88, "Socket operation on non-socket"),
    /** 89: Destination address required. */
    EDESTADDRREQ(89, "Destination address required"),
    /** 90: Message too long. */
    EMSGSIZE(90, "Message too long"),
    /** 91: Protocol wrong type for socket. */
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    /** 92: Protocol not available. */
    ENOPROTOOPT(92, "Protocol not available"),
    /** 93: Protocol not supported. */
    EPROTONOSUPPORT(93, "Protocol not supported"),
    /** 94: Socket type not supported. */
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    /** 95: Operation not supported on transport endpoint. */
    EOPNOTSUPP(95, "Operation not supported on transport endpoint"),
    /** 96: Protocol family not supported. */
    EPFNOSUPPORT(96, "Protocol family not supported"),
    /** 97: Address family not supported by protocol. */
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    /** 98: Address already in use. */
    EADDRINUSE(98, "Address already in use"),
    /** 99: Cannot assign requested address. */
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    /** 100: Network is down. */
    ENETDOWN(100, "Network is down"),
    /** 101: Network is unreachable. */
    ENETUNREACH(101, "Network is unreachable"),
    /** 102: Network dropped connection because of reset. */
    ENETRESET(102, "Network dropped connection because of reset"),
    /** 103: Software caused connection abort. */
    ECONNABORTED(103, "Software caused connection abort"),
    /** 104: Connection reset by peer. */
    ECONNRESET(104, "Connection reset by peer"),
    /** 105: No buffer space available. */
    ENOBUFS(105, "No buffer space available"),
    /** 106: Transport endpoint is already connected. */
    EISCONN(106, "Transport endpoint is already connected"),
    /** 107: Transport endpoint is not connected. */
    ENOTCONN(107, "Transport endpoint is not connected"),
    /** 108: Cannot send after transport endpoint shutdown. */
    ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
    /** 109: Too many references: cannot splice. */
    ETOOMANYREFS(109, "Too many references: cannot splice"),
    /** 110: Connection timed out. */
    ETIMEDOUT(110, "Connection timed out"),
    /** 111: Connection refused. */
    ECONNREFUSED(111, "Connection refused"),
    /** 112: Host is down. */
    EHOSTDOWN(112, "Host is down"),
    /** 113: No route to host. */
    EHOSTUNREACH(113, "No route to host"),
    /** 114: Operation already in progress. */
    EALREADY(114, "Operation already in progress"),
    /** 115: Operation now in progress. */
    EINPROGRESS(115, "Operation now in progress"),
    /** 116: Stale file handle. */
    ESTALE(116, "Stale file handle"),
    /** 117: Structure needs cleaning. */
    EUCLEAN(117, "Structure needs cleaning"),
    /** 118: Not a XENIX named type file. */
    ENOTNAM(118, "Not a XENIX named type file"),
    /** 119: No XENIX semaphores available. */
    ENAVAIL(119, "No XENIX semaphores available"),
    /** 120: Is a named type file. */
    EISNAM(120, "Is a named type file"),
    /** 121: Remote I/O error. */
    EREMOTEIO(121, "Remote I/O error"),
    /** 122: Quota exceeded. */
    EDQUOT(122, "Quota exceeded"),
    /** 123: No medium found. */
    ENOMEDIUM(123, "No medium found"),
    /** 124: Wrong medium type. */
    EMEDIUMTYPE(124, "Wrong medium type"),
    /** 125: Operation Canceled. */
    ECANCELED(125, "Operation Canceled"),
    /** 126: Required key not available. */
    ENOKEY(126, "Required key not available"),
    /** 127: Key has expired. */
    EKEYEXPIRED(127, "Key has expired"),
    /** 128: Key has been revoked. */
    EKEYREVOKED(128, "Key has been revoked"),
    /** 129: Key was rejected by service. */
    EKEYREJECTED(129, "Key was rejected by service"),
    /** 130: Owner died. */
    EOWNERDEAD(130, "Owner died"),
    /** 131: State not recoverable. */
    ENOTRECOVERABLE(131, "State not recoverable"),
    /** 132: Operation not possible due to RF-kill. */
    ERFKILL(132, "Operation not possible due to RF-kill"),
    /** 133: Memory page has hardware error. */
    EHWPOISON(133, "Memory page has hardware error"),
    /** A value this table does not list. */
    UNKNOWN(-1, "Unknown error");

    private static final Errno[] BY_VALUE = new Errno[256];

    static {
        for (Errno e : values()) {
            if (e.value > 0 && e.value < BY_VALUE.length && BY_VALUE[e.value] == null) {
                BY_VALUE[e.value] = e;
            }
        }
    }

    private final int value;
    private final String message;

    Errno(int value, String message) {
        this.value = value;
        this.message = message;
    }

    /** {@return the positive errno number ({@code -1} for {@link #UNKNOWN})} */
    public int value() {
        return value;
    }

    /** {@return the C library's message for this errno, such as "No such device"} */
    public String message() {
        return message;
    }

    /**
     * {@return the constant for an errno number; the sign is ignored, since netlink reports errors as
     * negative numbers}
     *
     * @param value an errno number, positive or negative
     */
    public static Errno of(int value) {
        int v = Math.abs(value); // Integer.MIN_VALUE stays negative: unknown
        Errno e = v > 0 && v < BY_VALUE.length ? BY_VALUE[v] : null;
        return e == null ? UNKNOWN : e;
    }
}

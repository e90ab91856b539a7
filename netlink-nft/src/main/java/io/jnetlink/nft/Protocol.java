package io.jnetlink.nft;

/** Transport protocols a port can be forwarded for. */
public enum Protocol {
    /** TCP. */
    TCP(6),
    /** UDP. */
    UDP(17);

    /** The IP protocol number. */
    public final int number;

    Protocol(int number) {
        this.number = number;
    }

    static Protocol of(int number) {
        return number == 6 ? TCP : number == 17 ? UDP : null;
    }
}

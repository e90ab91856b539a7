package io.jnetlink.nft;

import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.events.Change;
import java.util.List;

/**
 * One change to an nf_tables object, typed by what the object is. Several of them, in the
 * kernel's order, make one {@link RulesetChange} (one transaction).
 */
public sealed interface RulesetEvent {
    /** {@return added, changed (a chain's policy, a table's flags, a rule replaced in place) or removed} */
    Change.Kind kind();

    /** {@return the family of the object's table} */
    Family family();

    /** {@return the name of the object's table} */
    String tableName();

    /**
     * A table was added, changed or removed.
     *
     * @param kind what happened
     * @param info the table after the change (removed: as it was)
     */
    record TableEvent(Change.Kind kind, TableInfo info) implements RulesetEvent {
        @Override
        public Family family() {
            return info.family();
        }

        @Override
        public String tableName() {
            return info.name();
        }
    }

    /**
     * A chain was added, changed or removed.
     *
     * @param kind what happened
     * @param info the chain after the change (removed: as it was)
     */
    record ChainEvent(Change.Kind kind, ChainInfo info) implements RulesetEvent {
        @Override
        public Family family() {
            return info.family();
        }

        @Override
        public String tableName() {
            return info.table();
        }
    }

    /**
     * A rule was added, replaced (CHANGED, same handle) or removed; with all its expressions.
     *
     * @param kind what happened
     * @param info the rule after the change (removed: as it was)
     */
    record RuleEvent(Change.Kind kind, RuleInfo info) implements RulesetEvent {
        @Override
        public Family family() {
            return info.family();
        }

        @Override
        public String tableName() {
            return info.table();
        }
    }

    /**
     * A set or map was added, changed or removed, anonymous ones (a rule's {@code { ... }}) too.
     * {@code info} carries no elements: they come as {@link ElementsEvent}s.
     *
     * @param kind what happened
     * @param info the set after the change (removed: as it was), without elements
     */
    record SetEvent(Change.Kind kind, SetInfo info) implements RulesetEvent {
        @Override
        public Family family() {
            return info.family();
        }

        @Override
        public String tableName() {
            return info.table();
        }
    }

    /**
     * Elements were added to (ADDED) or removed from (REMOVED) a set or map, printed in the set's
     * type as nft lists them ({@link SetElement#key()}, {@link SetElement#value()}).
     *
     * @param kind     ADDED or REMOVED
     * @param set      the set (without elements)
     * @param elements the elements added or removed
     */
    record ElementsEvent(Change.Kind kind, SetInfo set, List<SetElement> elements) implements RulesetEvent {
        /** Keeps a copy of {@code elements}. */
        public ElementsEvent {
            elements = List.copyOf(elements);
        }

        @Override
        public Family family() {
            return set.family();
        }

        @Override
        public String tableName() {
            return set.table();
        }
    }

    /**
     * A named counter was added or removed (its value changes without events).
     *
     * @param kind what happened
     * @param info the counter
     */
    record CounterEvent(Change.Kind kind, CounterObject info) implements RulesetEvent {
        @Override
        public Family family() {
            return info.family();
        }

        @Override
        public String tableName() {
            return info.table();
        }
    }

    /**
     * An event about an object this module does not decode into a record of its own (flowtables,
     * objects other than counters, elements of a set the watch does not know), kept as received:
     * its message type, table, name (the message's second attribute, when it is a string name)
     * and all attributes.
     *
     * @param kind        added (a NEW message) or removed (a DEL message)
     * @param messageType the NFT_MSG_* number (NEWOBJ 18, NEWFLOWTABLE 22, ...)
     * @param family      the table's family
     * @param tableName   the table's name
     * @param name        the object's name, or null
     * @param attributes  every attribute of the message, as received
     */
    record OtherEvent(Change.Kind kind, int messageType, Family family, String tableName, String name,
                      List<RawAttribute> attributes) implements RulesetEvent {
        /** Keeps a copy of {@code attributes}. */
        public OtherEvent {
            attributes = List.copyOf(attributes);
        }
    }
}

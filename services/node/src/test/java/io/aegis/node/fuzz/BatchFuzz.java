package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.aegis.node.fuzz.Values.NODES;

/**
 * Bodies for {@code POST /api/v1/signals/batch}: a valid batch of valid signals, or an invalid one by
 * construction, so that no item may be published: a broken envelope (holding valid signals or not),
 * too many or no signals, or signals that are each invalid.
 */
public final class BatchFuzz {

    private final Values v;
    private final BodyFuzz bodies;

    public BatchFuzz(Values values, BodyFuzz bodies) {
        this.v = values;
        this.bodies = bodies;
    }

    /**
     * An invalid batch: a broken envelope (with valid or invalid signals in it), too many or no signals,
     * or 1..5 signals that are each invalid, so that none may be published.
     */
    public BodyFuzz.Labelled invalid(int maxBatch) {
        ObjectNode envelope = NODES.objectNode();
        ArrayNode signals = NODES.arrayNode();
        switch (v.random.nextInt(8)) {
            case 0 -> {
                return new BodyFuzz.Labelled("batch not an object", BodyFuzz.bytes(v.random.nextBoolean() ? NODES.arrayNode().add(bodies.valid(Contract.SIGNAL))
                        : v.scalar()));
            }
            case 1 -> {
                envelope.set(v.random.nextBoolean() ? "signal" : v.word(), NODES.arrayNode().add(bodies.valid(Contract.SIGNAL)));
                return new BodyFuzz.Labelled("batch without signals", BodyFuzz.bytes(envelope));
            }
            case 2 -> {
                envelope.set("signals", v.otherThan("array"));
                return new BodyFuzz.Labelled("batch signals not an array", BodyFuzz.bytes(envelope));
            }
            case 3 -> {
                envelope.set("signals", NODES.arrayNode());
                return new BodyFuzz.Labelled("batch empty", BodyFuzz.bytes(envelope));
            }
            case 4 -> {
                envelope.set("signals", NODES.arrayNode().add(bodies.valid(Contract.SIGNAL)));
                envelope.set(v.word() + "-extra", v.json(2));
                return new BodyFuzz.Labelled("batch unknown field", BodyFuzz.bytes(envelope));
            }
            case 5 -> {
                ObjectNode one = bodies.valid(Contract.SIGNAL);
                for (int i = 0; i <= maxBatch; i++) {
                    signals.add(one);
                }
                envelope.set("signals", signals);
                return new BodyFuzz.Labelled("batch too large", BodyFuzz.bytes(envelope));
            }
            case 6 -> {
                return new BodyFuzz.Labelled("batch malformed", bodies.malformed(Contract.SIGNAL));
            }
            default -> {
                int size = v.between(1, 5);
                for (int i = 0; i < size; i++) {
                    signals.add(switch (v.random.nextInt(4)) {
                        case 0 -> bodies.notObject(Contract.SIGNAL);
                        case 1 -> bodies.randomObject(Contract.SIGNAL);
                        default -> bodies.mutated(Contract.SIGNAL);
                    });
                }
                envelope.set("signals", signals);
                return new BodyFuzz.Labelled("batch of invalid signals", BodyFuzz.bytes(envelope));
            }
        }
    }

    /** A valid batch of 1..3 valid signals (for requests whose defect lies elsewhere). */
    public byte[] valid() {
        ArrayNode signals = NODES.arrayNode();
        for (int i = v.between(1, 3); i > 0; i--) {
            signals.add(bodies.valid(Contract.SIGNAL));
        }
        return BodyFuzz.bytes(NODES.objectNode().set("signals", signals));
    }
}

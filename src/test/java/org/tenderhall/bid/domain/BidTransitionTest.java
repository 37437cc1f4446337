package org.tenderhall.bid.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed bid's transition table, checked for every pair of statuses: nothing makes a bid valid again. */
class BidTransitionTest {

    /** Rows: from; columns: to, in BidStatus order. 'x' = allowed. */
    private static final Map<BidStatus, String> EXPECTED = Map.of(
            //                     V S W
            BidStatus.VALID,      ". x x",
            BidStatus.SUPERSEDED, ". . .",
            BidStatus.WITHDRAWN,  ". . .");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (BidStatus from : BidStatus.values()) {
            String[] row = EXPECTED.get(from).split(" ");
            for (BidStatus to : BidStatus.values()) {
                pairs.add(Arguments.of(from, to, row[to.ordinal()].equals("x")));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void every_pair_of_statuses_is_allowed_or_refused_as_the_procedure_says(BidStatus from, BidStatus to,
            boolean allowed) {
        assertThat(BidTransition.between(from, to).isPresent()).as("%s -> %s", from, to).isEqualTo(allowed);
        BidTransition.between(from, to).ifPresent(t -> assertThat(t.apply(from)).isEqualTo(to));
    }

    @Test
    void every_transition_refuses_every_status_it_does_not_start_from() {
        for (BidTransition transition : BidTransition.values()) {
            for (BidStatus status : BidStatus.values()) {
                if (transition.allowedFrom(status)) {
                    assertThat(transition.apply(status)).isEqualTo(transition.to());
                } else {
                    assertThatThrownBy(() -> transition.apply(status))
                            .isInstanceOf(BidTransition.IllegalTransition.class)
                            .hasMessageStartingWith("A bid that is " + status.name().toLowerCase() + " cannot be ");
                }
            }
        }
    }
}

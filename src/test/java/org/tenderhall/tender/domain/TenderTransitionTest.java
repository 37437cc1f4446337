package org.tenderhall.tender.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The transition table, checked for every pair of statuses against the table as the procedure states it. */
class TenderTransitionTest {

    /** Rows: from; columns: to, in TenderStatus order. 'x' = allowed. */
    private static final Map<TenderStatus, String> EXPECTED = Map.of(
            //                                 D P B O E U A F C
            TenderStatus.DRAFT,               ". x . . . . . . x",
            TenderStatus.PUBLISHED,           ". . x . . . . . x",
            TenderStatus.BIDDING_CLOSED,      ". . . x . . . x x",
            TenderStatus.OPENING,             ". . . . x . . x x",
            TenderStatus.EVALUATION,          ". . . . . x . x x",
            TenderStatus.PUBLICITY,           ". . . . x . x . x",
            TenderStatus.AWARDED,             ". . . . . . . . .",
            TenderStatus.FAILED,              ". . . . . . . . .",
            TenderStatus.CANCELLED,           ". . . . . . . . .");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (TenderStatus from : TenderStatus.values()) {
            String[] row = EXPECTED.get(from).split(" ");
            for (TenderStatus to : TenderStatus.values()) {
                pairs.add(Arguments.of(from, to, row[to.ordinal()].equals("x")));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void every_pair_of_statuses_is_allowed_or_refused_as_the_procedure_says(TenderStatus from, TenderStatus to,
            boolean allowed) {
        assertThat(TenderTransition.between(from, to).isPresent()).as("%s -> %s", from, to).isEqualTo(allowed);
        TenderTransition.between(from, to).ifPresent(t -> assertThat(t.apply(from)).isEqualTo(to));
    }

    @Test
    void every_transition_refuses_every_status_it_does_not_start_from() {
        for (TenderTransition transition : TenderTransition.values()) {
            for (TenderStatus status : TenderStatus.values()) {
                if (transition.allowedFrom(status)) {
                    assertThat(transition.apply(status)).isEqualTo(transition.to());
                } else {
                    assertThatThrownBy(() -> transition.apply(status))
                            .isInstanceOf(TenderTransition.IllegalTransition.class)
                            .hasMessageContaining("cannot " + transition.name().toLowerCase().replace('_', ' '));
                }
            }
        }
    }

    @Test
    void awarded_failed_and_cancelled_tenders_are_final() {
        for (TenderStatus status : TenderStatus.values()) {
            boolean leadsSomewhere = Stream.of(TenderTransition.values()).anyMatch(t -> t.allowedFrom(status));
            assertThat(status.isFinal()).as(status.name()).isEqualTo(!leadsSomewhere);
        }
    }

    @Test
    void a_tender_can_be_published_only_once() {
        assertThatThrownBy(() -> TenderTransition.PUBLISH.apply(TenderStatus.PUBLISHED))
                .isInstanceOf(TenderTransition.IllegalTransition.class)
                .hasMessage("A tender that is published cannot publish");
    }
}

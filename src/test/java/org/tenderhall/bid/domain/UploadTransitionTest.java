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

/** The upload's transition table, checked for every pair of states: only an open upload closes, one way, for good. */
class UploadTransitionTest {

    /** Rows: from; columns: to, in UploadState order. 'x' = allowed. */
    private static final Map<UploadState, String> EXPECTED = Map.of(
            //                       O C R A
            UploadState.OPEN,       ". x x x",
            UploadState.COMMITTED,  ". . . .",
            UploadState.REJECTED,   ". . . .",
            UploadState.ABANDONED,  ". . . .");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (UploadState from : UploadState.values()) {
            String[] row = EXPECTED.get(from).split(" ");
            for (UploadState to : UploadState.values()) {
                pairs.add(Arguments.of(from, to, row[to.ordinal()].equals("x")));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void every_pair_of_states_is_allowed_or_refused_as_the_upload_protocol_says(UploadState from, UploadState to,
            boolean allowed) {
        assertThat(UploadTransition.between(from, to).isPresent()).as("%s -> %s", from, to).isEqualTo(allowed);
        UploadTransition.between(from, to).ifPresent(t -> assertThat(t.apply(from)).isEqualTo(to));
    }

    @Test
    void every_transition_refuses_every_state_it_does_not_start_from() {
        for (UploadTransition transition : UploadTransition.values()) {
            for (UploadState state : UploadState.values()) {
                if (transition.allowedFrom(state)) {
                    assertThat(transition.apply(state)).isEqualTo(transition.to());
                } else {
                    assertThatThrownBy(() -> transition.apply(state))
                            .isInstanceOf(UploadTransition.IllegalTransition.class)
                            .hasMessage("An upload that is " + state.name().toLowerCase() + " cannot "
                                    + transition.name().toLowerCase());
                }
            }
        }
    }

    @Test
    void only_an_open_upload_takes_bytes() {
        for (UploadState state : UploadState.values()) {
            assertThat(state.isOpen()).as(state.name()).isEqualTo(state == UploadState.OPEN);
        }
    }
}

package org.tenderhall.template.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How bids will be evaluated: the method and its criteria, in the order of the score sheet.
 * <ul>
 * <li>Comprehensive scoring (综合评估法): the criteria's points add up to 100; exactly one criterion is the price,
 * scored by formula, the others are judged by the experts.</li>
 * <li>Lowest evaluated price (经评审的最低投标价法): the criteria are pass/fail reviews judged by the experts; the bids
 * that pass all are ranked by price, so no criterion carries points.</li>
 * </ul>
 */
public record Evaluation(Method method, List<Criterion> criteria) {

    public enum Method {
        COMPREHENSIVE_SCORING("综合评估法"), LOWEST_EVALUATED_PRICE("经评审的最低投标价法");

        private final String chinese;

        Method(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** Who or what scores a criterion. */
    public enum Judgement {
        EXPERT("评标专家评分"), FORMULA("按公式计算"), PASS_FAIL("合格/不合格");

        private final String chinese;

        Judgement(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** One line of the score sheet. {@code formula} is set for the price criterion only. */
    public record Criterion(String name, BigDecimal points, Judgement judgement, PriceFormula formula) {
        public Criterion {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(judgement, "judgement");
            points = points == null ? BigDecimal.ZERO : points;
        }
    }

    /**
     * A price formula and its parameters:
     * <ul>
     * <li>{@code benchmark_deviation} (基准价偏差法): the benchmark is the mean of the valid bids' prices lowered by
     * {@code benchmarkDiscountPercent}; a bid at the benchmark gets full points, and loses {@code deductAbove} points
     * per percent above it and {@code deductBelow} per percent below;</li>
     * <li>{@code lowest_price_ratio} (低价优先法): the lowest valid price gets full points; another price gets full points
     * times lowest / price. No parameters.</li>
     * </ul>
     */
    public record PriceFormula(Name name, Map<String, BigDecimal> parameters) {

        public enum Name {
            BENCHMARK_DEVIATION(Set.of("benchmarkDiscountPercent", "deductAbove", "deductBelow")),
            LOWEST_PRICE_RATIO(Set.of());

            private final Set<String> parameters;

            Name(Set<String> parameters) {
                this.parameters = parameters;
            }

            public Set<String> parameters() {
                return parameters;
            }
        }

        public PriceFormula {
            Objects.requireNonNull(name, "name");
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        public String chinese() {
            return switch (name) {
                case BENCHMARK_DEVIATION -> "基准价偏差法：有效投标报价算术平均值下浮"
                        + plain(parameters.get("benchmarkDiscountPercent")) + "%为评标基准价，每高于基准价1%扣"
                        + plain(parameters.get("deductAbove")) + "分，每低于基准价1%扣" + plain(parameters.get("deductBelow"))
                        + "分";
                case LOWEST_PRICE_RATIO -> "低价优先法：价格分 = 评标基准价（最低有效报价）/ 投标报价 × 满分";
            };
        }

        private static String plain(BigDecimal number) {
            return number == null ? "?" : number.stripTrailingZeros().toPlainString();
        }
    }

    public Evaluation {
        Objects.requireNonNull(method, "method");
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    /** What makes this evaluation unusable; empty when it is sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (criteria.isEmpty()) {
            problems.add("evaluation: at least one criterion");
        }
        for (Criterion criterion : criteria) {
            problems.addAll(problems(criterion));
        }
        long formulas = criteria.stream().filter(c -> c.judgement() == Judgement.FORMULA).count();
        if (method == Method.COMPREHENSIVE_SCORING) {
            BigDecimal total = criteria.stream().map(Criterion::points).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(BigDecimal.valueOf(100)) != 0) {
                problems.add("evaluation: the criteria's points add up to " + total.toPlainString() + ", not 100");
            }
            if (formulas != 1) {
                problems.add("evaluation: comprehensive scoring needs exactly one price criterion scored by formula");
            }
            if (criteria.stream().anyMatch(c -> c.judgement() == Judgement.PASS_FAIL)) {
                problems.add("evaluation: comprehensive scoring has no pass/fail criteria (reviews come before scoring)");
            }
        } else if (criteria.stream().anyMatch(c -> c.judgement() != Judgement.PASS_FAIL)) {
            problems.add("evaluation: lowest evaluated price has pass/fail criteria only; the ranking is by price");
        }
        return problems;
    }

    private static List<String> problems(Criterion criterion) {
        List<String> problems = new ArrayList<>();
        String where = "evaluation criterion " + criterion.name() + ": ";
        if (criterion.judgement() == Judgement.PASS_FAIL) {
            if (criterion.points().signum() != 0) {
                problems.add(where + "a pass/fail criterion carries no points");
            }
        } else if (criterion.points().signum() <= 0) {
            problems.add(where + "points must be above 0");
        }
        if (criterion.judgement() == Judgement.FORMULA) {
            if (criterion.formula() == null) {
                problems.add(where + "a formula criterion names its formula");
            } else if (!criterion.formula().parameters().keySet().equals(criterion.formula().name().parameters())) {
                problems.add(where + "formula " + criterion.formula().name() + " takes the parameters "
                        + criterion.formula().name().parameters() + ", not " + criterion.formula().parameters().keySet());
            } else if (criterion.formula().parameters().values().stream().anyMatch(p -> p.signum() < 0)) {
                problems.add(where + "formula parameters are not negative");
            }
        } else if (criterion.formula() != null) {
            problems.add(where + "only the price criterion has a formula");
        }
        return problems;
    }
}

package org.tenderhall.template.domain;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.tenderhall.kernel.Money;

/** A typed field value as the Chinese tender document prints it. Times are Beijing time. */
public final class DisplayValue {

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** What the document prints for an optional field left empty. */
    public static final String NONE = "无";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);

    private DisplayValue() {
    }

    public static String of(FieldType type, Object value) {
        if (value == null) {
            return NONE;
        }
        return switch (type) {
            case MONEY -> money((Money) value);
            case PERCENTAGE -> ((BigDecimal) value).stripTrailingZeros().toPlainString() + "%";
            case DATE -> ((LocalDate) value).format(DATE);
            case DATE_TIME -> instant((Instant) value);
            case DURATION_DAYS -> value + " 日历天";
            case QUALIFICATIONS -> String.join("；", castList(value));
            default -> value.toString();
        };
    }

    /** {@code 48,650,000.00 元} */
    public static String money(Money money) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(money.amount()) + " 元";
    }

    /** {@code 2027年3月10日 09:30（北京时间）} */
    public static String instant(Instant instant) {
        return instant.atZone(BEIJING).format(DATE_TIME) + "（北京时间）";
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }
}

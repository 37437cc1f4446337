package org.tenderhall.identity;

import java.util.List;
import org.tenderhall.kernel.OrgCode;
import org.tenderhall.kernel.Role;

/**
 * The demo data set seeded on the first start of an embedded platform: organisations and one account per
 * role, with three more bidders, seven more experts and a second guarantor. All demo accounts share one
 * documented password; they are for trying the platform, never for production.
 */
public final class DemoData {

    public static final String PASSWORD = "tenderhall-demo";

    public record DemoOrganisation(OrgCode code, String name) {
    }

    public record DemoAccount(String username, String displayName, Role role, OrgCode organisation) {
    }

    public static final DemoOrganisation OPERATOR = org("91350200T00000018P", "Tenderhall 平台运营 Platform Operator (demo)");
    public static final DemoOrganisation TRADING_CENTRE = org("12350200T00000026P", "公共资源交易中心 City Public Resource Trading Centre (demo)");
    public static final DemoOrganisation AGENCY = org("91350200A000000384", "海港招标代理有限公司 Harbour Tendering Agency Co. (demo)");
    public static final DemoOrganisation BIDDER_1 = org("91350200B000000431", "海岛建设集团有限公司 Island Construction Group Co. (demo)");
    public static final DemoOrganisation BIDDER_2 = org("91350200B00000051U", "碧水市政工程有限公司 Bluewater Municipal Engineering Co. (demo)");
    public static final DemoOrganisation BIDDER_3 = org("91350200B0000006XK", "海景路桥有限公司 Seaview Road & Bridge Co. (demo)");
    public static final DemoOrganisation BIDDER_4 = org("91350200B00000078K", "灯塔建筑工程有限公司 Lighthouse Building Works Co. (demo)");
    public static final DemoOrganisation DESIGN_INSTITUTE = org("12350200E00000088U", "沿海设计研究院 Coastal Design Institute (demo)");
    public static final DemoOrganisation UNIVERSITY = org("12350200E00000096N", "海事大学 Maritime University (demo)");
    public static final DemoOrganisation BANK = org("91350200G00000103B", "海港商业银行 Harbour Commercial Bank (demo)");
    public static final DemoOrganisation INSURER = org("91350200G000001116", "远洋财产保险 Ocean Mutual Insurance (demo)");

    public static final List<DemoOrganisation> ORGANISATIONS = List.of(OPERATOR, TRADING_CENTRE, AGENCY, BIDDER_1,
            BIDDER_2, BIDDER_3, BIDDER_4, DESIGN_INSTITUTE, UNIVERSITY, BANK, INSURER);

    /** expert8 works for bidder 1: the avoidance (回避) rule must keep him off that bidder's panels. */
    public static final List<DemoAccount> ACCOUNTS = List.of(
            account("admin", "Platform Admin", Role.ADMIN, OPERATOR),
            account("supervisor", "Supervisor Lin", Role.SUPERVISOR, TRADING_CENTRE),
            account("agent", "Agent Chen", Role.AGENT, AGENCY),
            account("bidder1", "Bidder Wang (Island Construction)", Role.BIDDER, BIDDER_1),
            account("bidder2", "Bidder Zhao (Bluewater Municipal)", Role.BIDDER, BIDDER_2),
            account("bidder3", "Bidder Sun (Seaview Road & Bridge)", Role.BIDDER, BIDDER_3),
            account("bidder4", "Bidder Zhou (Lighthouse Building)", Role.BIDDER, BIDDER_4),
            account("expert1", "Expert Wu", Role.EXPERT, DESIGN_INSTITUTE),
            account("expert2", "Expert Zheng", Role.EXPERT, DESIGN_INSTITUTE),
            account("expert3", "Expert Feng", Role.EXPERT, DESIGN_INSTITUTE),
            account("expert4", "Expert Huang", Role.EXPERT, UNIVERSITY),
            account("expert5", "Expert Xu", Role.EXPERT, UNIVERSITY),
            account("expert6", "Expert He", Role.EXPERT, UNIVERSITY),
            account("expert7", "Expert Luo", Role.EXPERT, UNIVERSITY),
            account("expert8", "Expert Ma (employed by Island Construction)", Role.EXPERT, BIDDER_1),
            account("guarantor1", "Guarantor Gao (Harbour Commercial Bank)", Role.GUARANTOR, BANK),
            account("guarantor2", "Guarantor Lu (Ocean Mutual Insurance)", Role.GUARANTOR, INSURER));

    private DemoData() {
    }

    private static DemoOrganisation org(String code, String name) {
        return new DemoOrganisation(new OrgCode(code), name);
    }

    private static DemoAccount account(String username, String displayName, Role role, DemoOrganisation org) {
        return new DemoAccount(username, displayName, role, org.code());
    }
}

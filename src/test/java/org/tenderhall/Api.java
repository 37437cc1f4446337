package org.tenderhall;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import org.tenderhall.identity.DemoData;
import org.tenderhall.kernel.CreditCode;

/** Helpers for tests that call the real HTTP API as the seeded demo accounts. */
public final class Api {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private Api() {
    }

    /** A request signed in with HTTP Basic as a demo account. */
    public static RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, DemoData.PASSWORD).contentType(ContentType.JSON);
    }

    /** A valid credit code no other test uses. */
    public static String freshCreditCode() {
        StringBuilder code = new StringBuilder("91350200");
        for (int i = 0; i < 9; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.append(CreditCode.checkCharacter(code.toString())).toString();
    }

    /** The same code with a wrong check character. */
    public static String withWrongCheckCharacter(String code) {
        char last = code.charAt(17);
        char wrong = last == '0' ? '1' : '0';
        return code.substring(0, 17) + wrong;
    }
}

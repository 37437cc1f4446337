package org.tenderhall.bidkit;

/** The platform refused a request with a problem: its type's slug and its detail. */
class PlatformRefusal extends Exception {

    private final String slug;
    private final int status;

    PlatformRefusal(int status, String slug, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
    }

    String slug() {
        return slug;
    }

    int status() {
        return status;
    }
}

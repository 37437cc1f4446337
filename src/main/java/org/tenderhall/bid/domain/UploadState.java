package org.tenderhall.bid.domain;

/** Where an upload stands: open (taking bytes), or closed one of three ways for good. */
public enum UploadState {
    OPEN, COMMITTED, REJECTED, ABANDONED;

    /** Only an open upload takes bytes, is committed, refused or abandoned. */
    public boolean isOpen() {
        return this == OPEN;
    }
}

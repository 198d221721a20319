package dev.northstar.govern.catalog;

import org.jdbi.v3.core.Handle;

/**
 * The revision counter of steward changes ({@code ns_catalog_revision}): every glossary or tag change moves it in
 * the same transaction, so the search index knows it must rebuild by reading one number.
 */
final class CatalogRevision {
    private CatalogRevision() {}

    static void bump(Handle handle) {
        handle.createUpdate("UPDATE ns_catalog_revision SET revision = revision + 1 WHERE name = 'catalog'").execute();
    }

    static long read(Handle handle) {
        return handle.createQuery("SELECT revision FROM ns_catalog_revision WHERE name = 'catalog'")
                .mapTo(Long.class).findOne().orElse(0L);
    }
}

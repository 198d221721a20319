/** Ingest stage of Northstar. */
package dev.northstar.ingest;

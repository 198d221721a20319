/** Northstar packs. */
package dev.northstar.packs;

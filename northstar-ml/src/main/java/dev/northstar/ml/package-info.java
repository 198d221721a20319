/** Northstar ml. */
package dev.northstar.ml;

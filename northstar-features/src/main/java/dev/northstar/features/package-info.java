/** Northstar features. */
package dev.northstar.features;

/** Contracts stage of Northstar. */
package dev.northstar.contracts;

/** Quality stage of Northstar. */
package dev.northstar.quality;

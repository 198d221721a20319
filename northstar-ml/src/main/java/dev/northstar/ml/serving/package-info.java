/**
 * Real-time scoring: the champion of a model scored with request-time fields and online features, explained, logged
 * off the hot path to {@code ml.predictions}, with the challenger in shadow or as a canary, and drift on live traffic.
 */
package dev.northstar.ml.serving;

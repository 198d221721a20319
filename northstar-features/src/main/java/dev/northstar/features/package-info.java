/**
 * The feature store: feature views declared in YAML ({@link dev.northstar.features.FeatureViewParser}), offline
 * materialisation and point-in-time-correct training sets ({@link dev.northstar.features.OfflineFeatures}), and online
 * serving from an {@link dev.northstar.features.OnlineStore} updated by event streams
 * ({@link dev.northstar.features.OnlineFeatures}) — with one definition of what a feature's value is as of a time.
 */
package dev.northstar.features;

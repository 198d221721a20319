package dev.northstar.features;

/** The online contract on the Redis store, against the local Redis. */
class RedisOnlineFeaturesTest extends OnlineFeaturesContract {
    @Override
    OnlineStore newStore() {
        return LocalRedis.store();
    }
}

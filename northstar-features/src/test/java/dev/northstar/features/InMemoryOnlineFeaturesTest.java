package dev.northstar.features;

/** The online contract on the embedded in-process store. */
class InMemoryOnlineFeaturesTest extends OnlineFeaturesContract {
    @Override
    OnlineStore newStore() {
        return new InMemoryOnlineStore();
    }
}

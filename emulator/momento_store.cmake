list(APPEND ORDERLAB_EMULATOR_SOURCES cache_store.cpp cache_store.h topic_hub.cpp topic_hub.h)

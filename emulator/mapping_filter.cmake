# The event source mapping's FilterCriteria (EventBridge patterns); included from CMakeLists.txt.
list(APPEND ORDERLAB_EMULATOR_SOURCES mapping/filter_pattern.cpp mapping/filter_pattern.h)

# Tests of the event source mapping's FilterCriteria; included from tests/CMakeLists.txt.
orderlab_add_test(tst_filter_pattern SOURCES emulator/tst_filter_pattern.cpp emulator/filter_test_data.h LIBS orderlab_emulator)

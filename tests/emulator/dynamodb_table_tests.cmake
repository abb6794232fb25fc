# Tests of the fake DynamoDB table (included from tests/CMakeLists.txt).
orderlab_add_test(tst_attribute_value SOURCES emulator/tst_attribute_value.cpp emulator/table_test_data.h
                  LIBS orderlab_emulator)
orderlab_add_test(tst_orders_table SOURCES emulator/tst_orders_table.cpp emulator/table_test_data.h
                  LIBS orderlab_emulator)

# The fake DynamoDB orders table and its attribute values (included from emulator/CMakeLists.txt).
list(APPEND ORDERLAB_EMULATOR_SOURCES
  dynamodb/attribute_value.cpp dynamodb/attribute_value.h
  dynamodb/attribute_json.cpp dynamodb/attribute_size.cpp dynamodb/item_text.h
  dynamodb/base64.cpp dynamodb/base64.h
  dynamodb/orders_table.cpp dynamodb/orders_table.h
  dynamodb/marshall.cpp dynamodb/marshall.h
)

# Tests of the Momento gRPC server (grpc/): C++ clients through real channels (GoogleTest, one CTest test
# per case), and the conformance run of the official Node SDK against `orderlab serve`.
find_package(GTest)
if(GTest_FOUND)
  include(GoogleTest)
  foreach(t tst_grpc_cache tst_grpc_faults tst_grpc_topics)
    add_executable(${t} ${CMAKE_CURRENT_LIST_DIR}/${t}.cpp ${CMAKE_CURRENT_LIST_DIR}/grpc_fixture.h)
    target_link_libraries(${t} PRIVATE orderlab_grpc orderlab_proto GTest::gtest)
    set_target_properties(${t} PROPERTIES AUTOMOC OFF)
    gtest_discover_tests(${t} TEST_PREFIX "${t}." DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
      PROPERTIES TIMEOUT 120
      ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1;LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_LIST_DIR}/../lsan.supp")
  endforeach()
  target_link_libraries(tst_grpc_cache PRIVATE GTest::gtest_main)
  target_link_libraries(tst_grpc_faults PRIVATE GTest::gtest_main)
else()
  message(STATUS "GoogleTest not found: the gRPC server tests are not built")
endif()

# Node SDK conformance: the set-up installs @gomomento/sdk 1.118.1 from npm into the build folder
# (npm ci with the committed lock file); both tests skip (exit 77, with a message) where node or npm is absent.
set(ORDERLAB_NODE_DIR ${CMAKE_BINARY_DIR}/grpc-node)
add_test(NAME grpc_node_setup
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/node/setup.sh ${CMAKE_CURRENT_LIST_DIR}/node ${ORDERLAB_NODE_DIR})
set_tests_properties(grpc_node_setup PROPERTIES FIXTURES_SETUP grpc_node SKIP_RETURN_CODE 77 TIMEOUT 300)
add_test(NAME grpc_node_conformance
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/node/run.sh ${ORDERLAB_NODE_DIR} ${CMAKE_CURRENT_LIST_DIR}/node/conformance.js
          $<TARGET_FILE:orderlab>)
set_tests_properties(grpc_node_conformance PROPERTIES FIXTURES_REQUIRED grpc_node SKIP_RETURN_CODE 77 TIMEOUT 180
  ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_LIST_DIR}/../lsan.supp")

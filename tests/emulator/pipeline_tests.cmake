orderlab_add_test(tst_event_source_mapping SOURCES emulator/tst_event_source_mapping.cpp emulator/mapping_harness.h
  emulator/mapping_test_data.h LIBS orderlab_emulator)
orderlab_add_test(tst_stream SOURCES emulator/tst_stream.cpp emulator/stream_test_data.h LIBS orderlab_emulator)
orderlab_add_test(tst_pipeline SOURCES emulator/tst_pipeline.cpp LIBS orderlab_emulator)

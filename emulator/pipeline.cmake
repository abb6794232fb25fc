list(APPEND ORDERLAB_EMULATOR_SOURCES
  stream/record_format.cpp stream/record_format.h
  stream/stream.cpp stream/stream.h
  mapping/mapping_config.cpp mapping/mapping_config.h
  mapping/invocation_outcome.cpp mapping/invocation_outcome.h
  mapping/failure_record_json.cpp mapping/failure_record_json.h
  mapping/event_source_mapping.cpp mapping/event_source_mapping.h
  pipeline/trace.cpp pipeline/trace.h
  pipeline/emulated_momento.cpp pipeline/emulated_momento.h
  pipeline/core_invoker.cpp pipeline/core_invoker.h
  pipeline/consistency_checker.cpp pipeline/consistency_checker.h
  pipeline/pipeline.cpp pipeline/pipeline.h
  pipeline/simulation_run.cpp pipeline/simulation_run.h
  pipeline/order_feed.cpp pipeline/order_feed.h
  apps/subscriber_apps.cpp apps/subscriber_apps.h
)

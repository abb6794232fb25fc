# Desktop app tests (QtTest, offscreen): models, the real window driven by hand, the app's command line.
orderlab_add_test(tst_ui_models SOURCES ui/tst_ui_models.cpp LIBS orderlab_ui)
find_package(Qt6 6.4 REQUIRED COMPONENTS Network)
orderlab_add_test(tst_main_window SOURCES ui/tst_main_window.cpp ui/window_fixture.h LIBS orderlab_ui Qt6::Network)
orderlab_add_test(tst_desktop_app SOURCES ui/tst_desktop_app.cpp LIBS orderlab_ui)
add_dependencies(tst_desktop_app orderlab)
orderlab_add_test(tst_setting SOURCES ui/tst_setting.cpp LIBS orderlab_ui)

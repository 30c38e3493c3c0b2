# Qt translations of the desktop app (resources/translations/emergence_<lang>.ts).
#   emergence_add_translations(TARGET)  compiles every .ts to .qm (lrelease) at build time and
#       embeds them in TARGET under :/i18n/ (app/translations.cpp loads the one of the locale);
#       adds the target `update_translations`, which runs lupdate over app/ and widgets/ and
#       refreshes the .ts files in the source tree (run it after changing user-visible strings:
#       `cmake --build --preset ci --target update_translations`), keeping finished entries.
# The tools come from Debian's qt6-l10n-tools (/usr/lib/qt6/bin; /usr/bin/lupdate is qtchooser's
# Qt 5 wrapper). Without them the app builds and runs in English.
set(EMERGENCE_TRANSLATIONS_DIR ${CMAKE_CURRENT_LIST_DIR})

function(emergence_add_translations target)
  get_filename_component(qt_bin "${Qt6_DIR}/../../../qt6/bin" ABSOLUTE)
  find_program(EMERGENCE_LUPDATE NAMES lupdate-qt6 lupdate6 lupdate
               PATHS ${qt_bin} /usr/lib/qt6/bin NO_DEFAULT_PATH)
  find_program(EMERGENCE_LRELEASE NAMES lrelease-qt6 lrelease6 lrelease
               PATHS ${qt_bin} /usr/lib/qt6/bin NO_DEFAULT_PATH)
  file(GLOB ts_files CONFIGURE_DEPENDS ${EMERGENCE_TRANSLATIONS_DIR}/emergence_*.ts)
  if(NOT EMERGENCE_LRELEASE OR NOT EMERGENCE_LUPDATE)
    message(STATUS "Qt 6 lupdate/lrelease not found (qt6-l10n-tools): the app is English only")
    return()
  endif()

  set(qm_files)
  foreach(ts IN LISTS ts_files)
    get_filename_component(name ${ts} NAME_WE)
    set(qm ${CMAKE_CURRENT_BINARY_DIR}/i18n/${name}.qm)
    add_custom_command(OUTPUT ${qm}
                       COMMAND ${EMERGENCE_LRELEASE} -silent ${ts} -qm ${qm}
                       DEPENDS ${ts} COMMENT "lrelease ${name}.ts" VERBATIM)
    list(APPEND qm_files ${qm})
  endforeach()
  if(qm_files)
    set_source_files_properties(${qm_files} PROPERTIES GENERATED TRUE)
    qt_add_resources(${target} emergence_translations PREFIX /i18n
                     BASE ${CMAKE_CURRENT_BINARY_DIR}/i18n FILES ${qm_files})
  endif()

  # lupdate reads the sources named in a list file (app/cli has no Qt and is left out).
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/app/*.cpp ${CMAKE_SOURCE_DIR}/app/*.h
       ${CMAKE_SOURCE_DIR}/widgets/*.cpp ${CMAKE_SOURCE_DIR}/widgets/*.h)
  list(JOIN sources "\n" source_lines)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/i18n/lupdate_sources.lst "${source_lines}\n")
  add_custom_target(update_translations
                    COMMAND ${EMERGENCE_LUPDATE} -I ${CMAKE_SOURCE_DIR} -locations relative
                            -no-obsolete @${CMAKE_CURRENT_BINARY_DIR}/i18n/lupdate_sources.lst
                            -ts ${ts_files}
                    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                    COMMENT "lupdate: refreshing resources/translations/*.ts from app/ and widgets/"
                    VERBATIM)
endfunction()

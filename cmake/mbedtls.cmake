# Mbed TLS 3.6 LTS, fetched from Debian's source package into the build tree and
# compiled with our own minimal configuration (src/mbedtls/mbedtls_config.h).
set(MBEDTLS_SOURCE_DIR "${CMAKE_BINARY_DIR}/mbedtls-3.6.6" CACHE PATH "Unpacked Mbed TLS source")

if(NOT EXISTS "${MBEDTLS_SOURCE_DIR}/include/mbedtls/build_info.h")
  message(STATUS "Fetching the Mbed TLS source into ${MBEDTLS_SOURCE_DIR}")
  execute_process(
    COMMAND bash "${CMAKE_SOURCE_DIR}/cmake/fetch-mbedtls.sh" "${MBEDTLS_SOURCE_DIR}"
    RESULT_VARIABLE fetch_result)
  if(NOT fetch_result EQUAL 0)
    message(FATAL_ERROR "Could not fetch the Mbed TLS source (see the messages above)")
  endif()
endif()

file(GLOB MBEDTLS_LIBRARY_SOURCES "${MBEDTLS_SOURCE_DIR}/library/*.c")
add_library(mbedcrypto_min STATIC ${MBEDTLS_LIBRARY_SOURCES})
target_include_directories(mbedcrypto_min SYSTEM PUBLIC "${MBEDTLS_SOURCE_DIR}/include")
target_include_directories(mbedcrypto_min PRIVATE "${MBEDTLS_SOURCE_DIR}/library")
target_compile_definitions(mbedcrypto_min PUBLIC
  "MBEDTLS_CONFIG_FILE=\"${CMAKE_SOURCE_DIR}/src/mbedtls/mbedtls_config.h\"")
set_target_properties(mbedcrypto_min PROPERTIES C_STANDARD 99 POSITION_INDEPENDENT_CODE ON)

if(EMSCRIPTEN)
  # The wasm build is optimized for size. Signing runs on our own kernels (src/kernel,
  # src/core/p256); Mbed TLS's arithmetic still runs verification, key loading, key
  # generation and the keys the kernels do not cover. Its inner loops (bignum_core.c's
  # multiply-accumulate, ecp_curves.c's P-256 reduction) stay at -O3: at -Os ECDSA
  # verification was 13% slower. bignum.c and ecp.c around them are -Os: 2.3 KB less
  # gzipped wasm and no measurable change. The choice is made per file: emcc adds
  # -fno-inline-functions whenever -Oz is on a command line, even before -O3.
  set(MBEDTLS_HOT_SOURCES bignum_core.c ecp_curves.c)
  set(MBEDTLS_WARM_SOURCES bignum.c ecp.c)
  list(TRANSFORM MBEDTLS_HOT_SOURCES PREPEND "${MBEDTLS_SOURCE_DIR}/library/")
  list(TRANSFORM MBEDTLS_WARM_SOURCES PREPEND "${MBEDTLS_SOURCE_DIR}/library/")
  set(MBEDTLS_COLD_SOURCES ${MBEDTLS_LIBRARY_SOURCES})
  list(REMOVE_ITEM MBEDTLS_COLD_SOURCES ${MBEDTLS_HOT_SOURCES} ${MBEDTLS_WARM_SOURCES})
  set_source_files_properties(${MBEDTLS_COLD_SOURCES} PROPERTIES COMPILE_OPTIONS -Oz)
  set_source_files_properties(${MBEDTLS_WARM_SOURCES} PROPERTIES COMPILE_OPTIONS -Os)
endif()

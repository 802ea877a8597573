#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| takwin::fuzzing::contributions_file(data));

package io.hwplatform.hypervisor.windows.internal;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The registry through jna-platform (HKLM only, read-only). */
final class JnaWindowsRegistry implements WindowsRegistry {

    @Override
    public Optional<String> value(String key, String name) {
        String path = path(key);
        if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, path, name)) {
            return Optional.empty();
        }
        Object value = Advapi32Util.registryGetValue(WinReg.HKEY_LOCAL_MACHINE, path, name);
        return Optional.ofNullable(value).map(JnaWindowsRegistry::text);
    }

    @Override
    public List<String> subkeys(String key) {
        String path = path(key);
        if (!Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, path)) {
            return List.of();
        }
        return Arrays.asList(Advapi32Util.registryGetKeys(WinReg.HKEY_LOCAL_MACHINE, path));
    }

    /** Only HKLM is read; the key is given as {@code HKLM\...}. */
    private static String path(String key) {
        if (!key.startsWith("HKLM\\")) {
            throw new IllegalArgumentException("only HKLM keys are read: " + key);
        }
        return key.substring("HKLM\\".length());
    }

    private static String text(Object value) {
        return value instanceof String[] strings ? String.join(" ", strings) : String.valueOf(value);
    }
}

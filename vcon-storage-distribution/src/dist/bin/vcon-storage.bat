@echo off
rem Runs the vcon-storage command line from the lib directory of this distribution.
rem Java: %JAVA_HOME%\bin\java.exe, else java on the PATH (17 or newer). Extra JVM options: VCON_STORAGE_JAVA_OPTS.
setlocal
set "APP_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" %VCON_STORAGE_JAVA_OPTS% -cp "%APP_HOME%\lib\*" io.vcon.storage.cli.VconStorageCli %*
exit /b %ERRORLEVEL%

; Included by electron-builder's NSIS installer (electron-builder.config.ts, nsis.include): the chatdesk:// scheme
; for the installed app, in the install's registry view (SHELL_CONTEXT: the user's, or the machine's for a
; per-machine install). An update runs the old uninstaller first: the scheme is kept then.

!macro customInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\chatdesk"
  WriteRegStr SHELL_CONTEXT "Software\Classes\chatdesk" "" "URL:Chat Desk link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\chatdesk" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\chatdesk\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\chatdesk\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegKey SHELL_CONTEXT "Software\Classes\chatdesk"
  ${endIf}
!macroend

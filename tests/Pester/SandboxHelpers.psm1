# Starts and stops a Seedance sandbox (src/Seedance.Sandbox) for Pester 5 suites: each suite starts its own in
# BeforeAll and stops it in AfterAll. The sandbox must be built first (dotnet build -c Release); it runs with --no-build.

Set-StrictMode -Version 3.0

function Start-TestSandbox {
    <#
    .SYNOPSIS
    Starts a sandbox on a free loopback port and returns its BaseUri, ApiKey and Process.
    .EXAMPLE
    $sandbox = Start-TestSandbox -ProcessingSeconds 0.5
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        # How long each task stays processing.
        [ValidateRange(0, 3600)]
        [double] $ProcessingSeconds = 1,

        # Requests allowed per account and window.
        [ValidateRange(1, 1000000)]
        [int] $RateLimit = 30,

        # The rate-limit window.
        [ValidateRange(0.1, 3600)]
        [double] $RateWindowSeconds = 60
    )

    $repositoryRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    $project = [System.IO.Path]::Combine($repositoryRoot, 'src', 'Seedance.Sandbox')
    $invariant = [System.Globalization.CultureInfo]::InvariantCulture

    # The built sandbox itself, not `dotnet run`: stopping `dotnet run` would leave the sandbox it started running.
    $program = [System.IO.Path]::Combine($project, 'bin', 'Release', 'net10.0', 'Seedance.Sandbox.dll')
    $arguments = @(
        $program,
        '--port', '0',
        '--processing-seconds', $ProcessingSeconds.ToString($invariant),
        '--rate-limit', $RateLimit.ToString($invariant),
        '--rate-window-seconds', $RateWindowSeconds.ToString($invariant)
    )
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet', (ConvertTo-ArgumentText $arguments))

    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)

    $baseUri = $null
    $apiKey = $null
    for ($line = 0; $line -lt 20 -and $null -eq $apiKey; $line++) {
        $text = $process.StandardOutput.ReadLine()
        if ($null -eq $text) {
            break
        }

        if ($text -match '^Seedance sandbox listening on (?<uri>\S+)$') {
            $baseUri = [uri]$Matches['uri']
        }
        elseif ($null -ne $baseUri -and $text -match '^Test API key: (?<key>\S+)$') {
            $apiKey = $Matches['key']
        }
    }

    if ($null -eq $apiKey) {
        Stop-SandboxProcess -Process $process
        throw "The sandbox did not start. Build it first: dotnet build '$project' -c Release"
    }

    [pscustomobject]@{
        BaseUri = $baseUri
        ApiKey  = $apiKey
        Process = $process
    }
}

function Stop-TestSandbox {
    <#
    .SYNOPSIS
    Stops a sandbox started by Start-TestSandbox: closes its standard input, then kills it if it lingers.
    .EXAMPLE
    $sandbox | Stop-TestSandbox
    #>
    [CmdletBinding()]
    param(
        # The object Start-TestSandbox returned.
        [Parameter(Mandatory, ValueFromPipeline)]
        [pscustomobject] $Sandbox
    )

    process {
        Stop-SandboxProcess -Process $Sandbox.Process
    }
}

function Start-TestSession {
    <#
    .SYNOPSIS
    Starts a sandbox and points this session's Seedance settings at it with the sandbox's rate limit; returns the
    sandbox (as Start-TestSandbox) with its key as a SecureString in Key and, with -Folder, an empty folder in Folder.
    Import the module first, in the suite's own scope.
    .EXAMPLE
    $sandbox = Start-TestSession -ProcessingSeconds 0.3 -RateLimit 100000 -RateWindowSeconds 1 -JournalPath (Join-Path $TestDrive 'journal.jsonl')
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [double] $ProcessingSeconds = 1,
        [int] $RateLimit = 30,
        [double] $RateWindowSeconds = 60,

        # The session's journal; without it, the journal is off.
        [string] $JournalPath,

        # More Set-SeedanceConfiguration parameters (for example @{ MaxRetries = 0 }).
        [hashtable] $Configuration = @{},

        # Makes an empty folder, seedance-pester-<Folder>-<guid> in the temp folder, that Stop-TestSession removes.
        [string] $Folder
    )

    $sandbox = Start-TestSandbox -ProcessingSeconds $ProcessingSeconds -RateLimit $RateLimit -RateWindowSeconds $RateWindowSeconds
    $settings = @{ BaseUri = $sandbox.BaseUri; RateLimit = $RateLimit; RateLimitWindowSeconds = $RateWindowSeconds } + $Configuration
    if ($JournalPath) { $settings['JournalPath'] = $JournalPath } else { $settings['NoJournal'] = $true }
    Set-SeedanceConfiguration @settings
    $key = ConvertTo-SecureString -String $sandbox.ApiKey -AsPlainText -Force
    $sandbox | Add-Member -NotePropertyName Key -NotePropertyValue $key
    if ($Folder) {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("seedance-pester-$Folder-" + [guid]::NewGuid().ToString('N'))
        $sandbox | Add-Member -NotePropertyName Folder -NotePropertyValue (New-Item -ItemType Directory -Path $path).FullName
    }

    $sandbox
}

function Stop-TestSession {
    <#
    .SYNOPSIS
    Undoes Start-TestSession: the session's settings back to their defaults, the sandbox stopped, the folder removed.
    .EXAMPLE
    Stop-TestSession $sandbox
    #>
    [CmdletBinding()]
    param(
        # The object Start-TestSession returned, if it got that far.
        [Parameter(Position = 0)]
        [AllowNull()]
        [pscustomobject] $Sandbox
    )

    if (Get-Command Set-SeedanceConfiguration -ErrorAction SilentlyContinue) { Set-SeedanceConfiguration -Reset }
    if (-not $Sandbox) { return }
    $Sandbox | Stop-TestSandbox
    if ($Sandbox.PSObject.Properties['Folder'] -and (Test-Path $Sandbox.Folder)) { Remove-Item -Recurse -Force $Sandbox.Folder }
}

function Stop-SandboxProcess {
    param(
        [Parameter(Mandatory)]
        [System.Diagnostics.Process] $Process
    )

    try {
        if (-not $Process.HasExited) {
            $Process.StandardInput.Close()
            if (-not $Process.WaitForExit(15000)) {
                $Process.Kill()
                $Process.WaitForExit()
            }
        }
    }
    finally {
        $Process.Dispose()
    }
}

function Get-PlainText {
    # Terminal output without its control sequences and carriage returns (no escape character may reach a test report).
    param([string] $Text)
    $Text -replace '\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]' -replace '\r' -replace '[\x00-\x08\x0b\x0c\x0e-\x1f]'
}

function ConvertTo-ArgumentText {
    # One command line from separate arguments (ProcessStartInfo.ArgumentList is not in .NET Framework).
    param([string[]] $Arguments)
    ($Arguments | ForEach-Object {
            if ($_ -match '[\s"]' -or $_ -eq '') { '"' + ($_ -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"' } else { $_ }
        }) -join ' '
}

function Get-TestShellPath {
    <#
    .SYNOPSIS
    The PowerShell running the suites, as a program a test can start: under the dotnet tool,
    (Get-Process -Id $PID).Path is dotnet itself and pwsh may not be on PATH.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($PSVersionTable.PSEdition -ne 'Core') {
        return Join-Path $PSHOME 'powershell.exe'
    }

    if ($IsWindows) { Join-Path $PSHOME 'pwsh.exe' } else { Join-Path $PSHOME 'pwsh' }
}

function Invoke-TestShell {
    <#
    .SYNOPSIS
    Runs a script in a child PowerShell the way CI and Task Scheduler do (-NoProfile -NonInteractive, -File or
    -Command) and returns its ExitCode, Output and Error text, without the console's colour codes. It waits at most
    -TimeoutSeconds.
    .EXAMPLE
    $child = Invoke-TestShell -File ./job.ps1
    #>
    [CmdletBinding(DefaultParameterSetName = 'Command')]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command')]
        [string] $Command,

        [Parameter(Mandatory, ParameterSetName = 'File')]
        [string] $File,

        # Arguments after -File.
        [Parameter(ParameterSetName = 'File')]
        [string[]] $ArgumentList = @(),

        # Environment variables for the child (a $null value removes one).
        [hashtable] $Environment = @{},

        [ValidateRange(1, 3600)]
        [int] $TimeoutSeconds = 120
    )

    $arguments = @('-NoProfile', '-NonInteractive')
    if ($PSCmdlet.ParameterSetName -eq 'File') {
        $arguments += @('-File', $File) + $ArgumentList
    }
    else {
        # -EncodedCommand: the script reaches the child exactly as written, quotes and all.
        $arguments += @('-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Command)))
    }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new((Get-TestShellPath), (ConvertTo-ArgumentText $arguments))
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $startInfo.EnvironmentVariables.Remove($name) }
        else { $startInfo.EnvironmentVariables[$name] = [string] $Environment[$name] }
    }

    $child = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $child.StandardInput.Close()
        $output = $child.StandardOutput.ReadToEndAsync()
        $errors = $child.StandardError.ReadToEndAsync()
        if (-not $child.WaitForExit($TimeoutSeconds * 1000)) {
            $child.Kill()
            throw "The child shell did not finish within $TimeoutSeconds s."
        }

        $child.WaitForExit()
        [pscustomobject]@{
            ExitCode = $child.ExitCode
            Output   = $output.Result -replace '\x1b\[[0-9;]*m'
            Error    = $errors.Result -replace '\x1b\[[0-9;]*m'
        }
    }
    finally {
        $child.Dispose()
    }
}

function Invoke-TestTerminal {
    <#
    .SYNOPSIS
    Runs a command in a child PowerShell on a pseudo-terminal (util-linux `script`), presses Ctrl+C once its output
    matches -InterruptWhen, and returns its Output (without colour codes), ExitCode and how long it took to stop.
    Only a console delivers Ctrl+C to PowerShell; Linux only.
    .EXAMPLE
    $run = Invoke-TestTerminal -Command 'Start-Sleep 60' -InterruptWhen 'ready'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string] $Command,

        # A regular expression; Ctrl+C is pressed once the output matches it.
        [Parameter(Mandatory)]
        [string] $InterruptWhen,

        [ValidateRange(1, 600)]
        [int] $TimeoutSeconds = 60
    )

    # The pseudo-terminal here answers no terminal query. PowerShell asks where the cursor is before it draws a
    # progress bar and waits for the answer, with the pipeline thread blocked (and Ctrl+C with it), so the child
    # shows no progress: what is tested is the command's answer to Ctrl+C, not the drawing.
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes("`$ProgressPreference = 'SilentlyContinue'; $Command"))
    $shell = ConvertTo-ArgumentText @((Get-TestShellPath), '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    # A test run started in the background (a non-interactive shell's '&', nohup) ignores SIGINT, every child inherits
    # that and .NET keeps it: the child would never see Ctrl+C. env --default-signal gives the child the default again.
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('env', (ConvertTo-ArgumentText @('--default-signal=INT', 'script', '-qfec', $shell, '/dev/null')))
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $child = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $text = [System.Text.StringBuilder]::new()
        $buffer = [char[]]::new(4096)
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        $interrupted = $null
        $nextPress = [TimeSpan]::Zero
        $read = $child.StandardOutput.ReadAsync($buffer, 0, $buffer.Length)
        while ([DateTime]::UtcNow -lt $deadline) {
            if ($read.Wait(100)) {
                if ($read.Result -eq 0) { break }
                $null = $text.Append([string]::new($buffer, 0, $read.Result))
                $read = $child.StandardOutput.ReadAsync($buffer, 0, $buffer.Length)
            }
            # Pressed again every second until the shell ends, as a user would; StoppedIn counts from the first.
            if ((Get-PlainText $text.ToString()) -match $InterruptWhen -and ($null -eq $interrupted -or $interrupted.Elapsed -ge $nextPress)) {
                $child.StandardInput.Write([char]3)
                $child.StandardInput.Flush()
                if ($null -eq $interrupted) { $interrupted = [System.Diagnostics.Stopwatch]::StartNew() }
                $nextPress = $interrupted.Elapsed.Add([TimeSpan]::FromSeconds(1))
            }
        }
        if (-not $child.WaitForExit(5000)) {
            $child.Kill()
            throw "The child shell did not end within $TimeoutSeconds s. Its output: $(Get-PlainText $text.ToString())"
        }

        [pscustomobject]@{
            ExitCode    = $child.ExitCode
            Output      = Get-PlainText $text.ToString()
            Interrupted = $null -ne $interrupted
            StoppedIn   = if ($interrupted) { $interrupted.Elapsed } else { $null }
        }
    }
    finally {
        $child.Dispose()
    }
}

Export-ModuleMember -Function Start-TestSandbox, Stop-TestSandbox, Start-TestSession, Stop-TestSession, Get-TestShellPath, Invoke-TestShell, Invoke-TestTerminal

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

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @(
        'run', '--project', $project, '-c', 'Release', '--no-build', '--',
        '--port', '0',
        '--processing-seconds', $ProcessingSeconds.ToString($invariant),
        '--rate-limit', $RateLimit.ToString($invariant),
        '--rate-window-seconds', $RateWindowSeconds.ToString($invariant)
    )
    foreach ($argument in $arguments) {
        $startInfo.ArgumentList.Add($argument)
    }

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

function Stop-SandboxProcess {
    param(
        [Parameter(Mandatory)]
        [System.Diagnostics.Process] $Process
    )

    try {
        if (-not $Process.HasExited) {
            $Process.StandardInput.Close()
            if (-not $Process.WaitForExit(15000)) {
                $Process.Kill($true)
                $Process.WaitForExit()
            }
        }
    }
    finally {
        $Process.Dispose()
    }
}

Export-ModuleMember -Function Start-TestSandbox, Stop-TestSandbox

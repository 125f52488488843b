#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSession -ProcessingSeconds 0 -Configuration @{ RetryBudgetSeconds = 60 }
    $script:key = $sandbox.Key
    $script:submitted = New-SeedanceVideo 'a fox in snow' -ApiKey $key
}

AfterAll {
    Stop-TestSession $sandbox
    Remove-Module Seedance -ErrorAction SilentlyContinue
}

Describe 'Get-SeedanceTask -Id' {
    It 'reads the task New-SeedanceVideo piped to it' {
        $task = $submitted | Get-SeedanceTask -ApiKey $key

        $task.Id | Should -Be $submitted.Id
        $task.PSObject.TypeNames[0] | Should -Be 'Seedance.SeedanceTask'
        $task.Status | Should -Be 'completed'
        $task.VideoUrl | Should -Not -BeNullOrEmpty
    }

    It 'binds the id from <Case>' -ForEach @(
        @{ Case = 'a string'; Make = { param($id) $id } }
        @{ Case = 'a task_id property'; Make = { param($id) [pscustomobject]@{ task_id = $id } } }
        @{ Case = 'a TaskId property'; Make = { param($id) [pscustomobject]@{ TaskId = $id } } }
        @{ Case = 'an Id property'; Make = { param($id) [pscustomobject]@{ Id = $id } } }
    ) {
        $task = & $Make $submitted.Id | Get-SeedanceTask -ApiKey $key

        $task.Id | Should -Be $submitted.Id
    }

    It 'writes a non-terminating Seedance.not_found (ObjectNotFound) error for an unknown id and reads the others' {
        $tasks = Get-SeedanceTask -Id 'sd2_no_such_task', $submitted.Id -ApiKey $key -ErrorVariable failures -ErrorAction SilentlyContinue

        @($tasks).Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Seedance.not_found,Seedance.Commands.GetSeedanceTaskCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'sd2_no_such_task'
    }

    It 'writes a Seedance.InvalidParameter error for a blank id from <Case> and reads the others' -ForEach @(
        @{ Case = 'Get-SeedanceTask -Id'; Call = { param($id) Get-SeedanceTask -Id ' ', $id -ApiKey $key -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
        @{ Case = 'the pipeline into Wait-SeedanceTask'; Call = { param($id) ' ', $id | Wait-SeedanceTask -ApiKey $key -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
    ) {
        $out = & $Call $submitted.Id

        $tasks = @($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $failures = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $tasks.Count | Should -Be 1
        $tasks[0].Id | Should -Be $submitted.Id
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.InvalidParameter,*'
        "$($failures[0])" | Should -Match 'task id'
    }

    It 'shows each request with -Verbose' {
        $verbose = Get-SeedanceTask $submitted.Id -ApiKey $key -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        "$verbose" | Should -Match ([regex]::Escape("GET /api/v1/tasks/$($submitted.Id) -> 200"))
    }
}

Describe 'An API that cannot be reached' {
    It 'says which host and port it could not reach, and warns while retries wait' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        Set-SeedanceConfiguration -BaseUri "http://127.0.0.1:$port/" -MaxRetries 4
        try {
            $null = Get-SeedanceTask -Id 'sd2_any' -ApiKey $key -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally {
            Set-SeedanceConfiguration -BaseUri $sandbox.BaseUri -MaxRetries 6
        }

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'Seedance.NetworkError,Seedance.Commands.GetSeedanceTaskCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.Message | Should -BeLike "*127.0.0.1:$port*"
        $warnings.Count | Should -BeGreaterThan 0
        $warnings[0].Message | Should -BeLike "Retrying in *127.0.0.1:$port*"
    }
}

Describe 'An API that echoes the key in an error' {
    It 'never shows the key in the error record, $Error or a transcript' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $secret = 'sk_test_echoed_' + [guid]::NewGuid().ToString('N')
            $transcript = Join-Path $TestDrive 'transcript.txt'
            $script = @"
Import-Module '$((Resolve-Path (Join-Path $PSScriptRoot '../../out/Seedance/Seedance.psd1')).Path)'
Set-SeedanceConfiguration -BaseUri 'http://127.0.0.1:$port/' -NoJournal
`$null = Start-Transcript -LiteralPath '$transcript'
Get-SeedanceTask -Id 'sd2_any' -ApiKey (ConvertTo-SecureString '$secret' -AsPlainText -Force)
`$null = Stop-Transcript
'--- ERROR'
`$Error[0] | Format-List * -Force | Out-String -Width 400
`$Error[0].Exception | Format-List * -Force | Out-String -Width 400
'--- TRANSCRIPT'
Get-Content -LiteralPath '$transcript' -Raw
"@
            $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
            $startInfo = [System.Diagnostics.ProcessStartInfo]::new((Get-TestShellPath), "-NoProfile -NonInteractive -EncodedCommand $encoded")
            $startInfo.UseShellExecute = $false
            $startInfo.RedirectStandardOutput = $true
            $startInfo.RedirectStandardError = $true
            $child = [System.Diagnostics.Process]::Start($startInfo)
            $output = $child.StandardOutput.ReadToEndAsync()
            $errors = $child.StandardError.ReadToEndAsync()

            # The API: one request, answered 401 with the presented key in the message, as some servers do.
            $accepted = $listener.AcceptTcpClientAsync()
            $accepted.Wait(60000) | Should -BeTrue
            $connection = $accepted.Result
            $stream = $connection.GetStream()
            $reader = [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::ASCII)
            $presented = $null
            while ($line = $reader.ReadLine()) {
                if ($line -match '^Authorization: Bearer (?<key>\S+)$') { $presented = $Matches['key'] }
            }
            $body = [System.Text.Encoding]::UTF8.GetBytes('{"error":{"code":"unauthorized","message":"Incorrect API key provided: ' + $presented + '"}}')
            $head = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 401 Unauthorized`r`nContent-Type: application/json`r`nContent-Length: $($body.Length)`r`nConnection: close`r`n`r`n")
            $stream.Write($head, 0, $head.Length)
            $stream.Write($body, 0, $body.Length)
            $connection.Close()
            $child.WaitForExit(60000) | Should -BeTrue
            $text = $output.Result + $errors.Result
        }
        finally {
            $listener.Stop()
        }

        $presented | Should -Be $secret
        $text | Should -Match 'Incorrect API key provided: \[redacted\]'
        $text | Should -Match '--- TRANSCRIPT'
        $text | Should -Not -Match ([regex]::Escape($secret))
    }
}

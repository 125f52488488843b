#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5: the READMEs as a new user reads and copies them.

BeforeDiscovery {
    $root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
    $script:readmes = @('README.md', 'src/Seedance.Sandbox/README.md', 'src/Seedance.Package/README.md', 'docs/api-contract.md') |
        ForEach-Object { @{ Readme = $_ } }
}

BeforeAll {
    $script:root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
    Import-Module (Join-Path $root 'out/Seedance/Seedance.psd1') -Force -ErrorAction Stop

    # The lines of each fenced code block of a markdown file, with the heading it is under.
    function Get-CodeBlock([string] $Path) {
        $lines = @(Get-Content -Path $Path -Encoding UTF8 -ErrorAction Stop)
        $block = $null
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^\s*```') {
                if ($null -eq $block) {
                    $block = [pscustomobject]@{
                        Language = $lines[$i].Trim().Substring(3)
                        Heading  = @($lines[0..$i] | Where-Object { $_ -match '^#' })[-1]
                        Lines    = [System.Collections.Generic.List[string]]::new()
                    }
                }
                else {
                    $block
                    $block = $null
                }
            }
            elseif ($null -ne $block) {
                $block.Lines.Add($lines[$i])
            }
        }
    }
}

AfterAll {
    Remove-Module Seedance -ErrorAction SilentlyContinue
}

Describe 'The READMEs' {
    It 'points <Readme> only to files the repository has' -TestCases $readmes {
        param($Readme)
        $path = Join-Path $root $Readme
        $text = Get-Content -Raw -Path $path -Encoding UTF8 -ErrorAction Stop

        $links = [regex]::Matches($text, '\]\((?<target>[^)#\s]+)[^)]*\)') | ForEach-Object { $_.Groups['target'].Value } |
            Where-Object { $_ -notmatch '^[a-z]+:' } |
            ForEach-Object { Join-Path (Split-Path $path) $_ }
        $named = [regex]::Matches($text, '`(?<file>[\w./-]+\.md)`') | ForEach-Object { $_.Groups['file'].Value } |
            ForEach-Object { Join-Path $root $_ }

        foreach ($target in @($links) + @($named)) {
            $target | Should -Exist -Because "$Readme points to it"
        }
    }

    It 'keeps the code of <Readme> within 80 columns' -TestCases $readmes {
        param($Readme)
        $wide = Get-CodeBlock (Join-Path $root $Readme) | ForEach-Object { $_.Lines } | Where-Object { $_.Length -gt 80 }

        @($wide) | Should -BeNullOrEmpty -Because "a user copies these lines from $Readme"
    }

    It 'says to build or install the module before its first Import-Module' {
        $first = Get-CodeBlock (Join-Path $root 'README.md') | Where-Object { $_.Lines -match 'Import-Module' } | Select-Object -First 1
        $import = $first.Lines.FindIndex([Predicate[string]] { param($line) $line -match 'Import-Module' })

        @($first.Lines | Select-Object -First $import) -match 'dotnet build|build\.ps1|Install-PSResource' | Should -Not -BeNullOrEmpty
    }

    It 'shows the Task Scheduler recipe of about_Seedance' {
        $recipe = Get-CodeBlock (Join-Path $root 'README.md') | Where-Object { $_.Heading -match 'Task Scheduler' } | Select-Object -First 1
        $shown = (Get-Help about_Seedance | Out-String) -replace '\r\n', "`n"

        $recipe.Lines | Should -Contain 'Register-ScheduledTask @task'
        $indented = ($recipe.Lines | ForEach-Object { if ($_) { '        ' + $_ } else { '' } }) -join "`n"
        $shown.Contains($indented) | Should -BeTrue -Because 'Get-Help about_Seedance shows the same recipe as the README'
    }
}

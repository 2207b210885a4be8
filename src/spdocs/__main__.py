from spdocs.cli import main

main()

from ictcost.cli import main

main()

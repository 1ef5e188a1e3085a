void f()
{
	char *message = (char*) calloc(12, sizeof(char));
	int index=12;
	int len=index-1;
	int c;
    if(message !=NULL)
    {
	    while(len>0 )
	    {
		   c = message[len];
		   if(isspace(c))
		   {
			   message[len]='\n';
		   }
		   len--;
	    }
	}
}
